package io.lcscan.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.lcscan.provider.aws.AwsProvider;
import io.lcscan.provider.aws.AwsProviderConfig;
import io.lcscan.provider.aws.AwsScopeKeys;
import io.lcscan.provider.common.CollectionRuntimeConfig;
import io.lcscan.spi.CallRecord;
import io.lcscan.spi.CollectionSink;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Resource;
import io.lcscan.spi.Scope;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scans a WireMock-served AWS organization ({@link FakeAwsOrganization}) with the real AWS
 * provider, every call delayed by a fixed latency, and compares the wall time with the lower bound
 * the provider's concurrency limits allow: calls x latency / concurrency.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.lcscan.benchmarks.AwsScaleBenchmark \
 *     [accounts=10] [regions=4] [resourcesPerRegion=1000] [latencyMs=25]
 * </pre>
 */
public final class AwsScaleBenchmark {
  private AwsScaleBenchmark() {}

  /** What one run measured. */
  public record Result(
      int accounts,
      int regions,
      int resourcesPerRegion,
      int latencyMillis,
      long wallMillis,
      long calls,
      long attempts,
      long httpRequests,
      long resources,
      Map<String, Long> resourcesByType,
      Map<String, Long> expectedByType,
      List<CoverageGap> gaps,
      long rawBytes,
      long peakHeapBytes,
      long peakHeapPoolSumBytes,
      double meanInFlight,
      int peakInFlight,
      double cpuSeconds,
      double loadAverage,
      int effectiveConcurrency,
      CollectionRuntimeConfig limits,
      List<String> emptyAnswers) {

    /** calls x latency / concurrency: the shortest wall time the limits allow. */
    public double lowerBoundMillis() {
      return (double) attempts * latencyMillis / effectiveConcurrency;
    }

    public double ratio() {
      return wallMillis / lowerBoundMillis();
    }
  }

  public static void main(String[] args) throws Exception {
    int accounts = argument(args, 0, 10);
    int regions = argument(args, 1, 4);
    int perRegion = argument(args, 2, 1000);
    int latency = argument(args, 3, 25);
    // a first, small scan loads and compiles the SDK's classes, as a long-running scanner would
    // have done; only the second scan is measured
    Result warmUp = run(2, Math.min(regions, 2), 50, 0, new AwsProviderConfig());
    System.out.printf(
        "warm-up scan: %,d calls, %,d resources, %d gaps, %.1f s%n%n",
        warmUp.calls(), warmUp.resources(), warmUp.gaps().size(), warmUp.wallMillis() / 1000.0);
    Result result = run(accounts, regions, perRegion, latency, new AwsProviderConfig());
    print(result);
    result.emptyAnswers().forEach(operation -> System.out.println("  " + operation));
    if (!result.gaps().isEmpty() || !result.resourcesByType().equals(result.expectedByType())) {
      System.exit(1);
    }
  }

  private static int argument(String[] args, int index, int fallback) {
    if (args.length <= index) {
      return fallback;
    }
    try {
      return Integer.parseInt(args[index]);
    } catch (NumberFormatException e) {
      System.err.println(
          "usage: AwsScaleBenchmark [accounts] [regions] [resourcesPerRegion] [latencyMs]: not a"
              + " number: "
              + args[index]);
      System.exit(2);
      return fallback;
    }
  }

  /** Serves the organization, scans it once with {@code config}, and measures the scan. */
  public static Result run(
      int accounts, int regions, int perRegion, int latencyMillis, AwsProviderConfig config)
      throws InterruptedException {
    FakeAwsOrganization organization = new FakeAwsOrganization(accounts, regions, perRegion);
    CollectionRuntimeConfig limits = config.getRuntime();
    // the server must never be what limits the scan: a thread for every call that can be in flight
    int serverThreads = Math.max(64, limits.getGlobalConcurrency() * 4);
    WireMockServer server =
        new WireMockServer(
            options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(serverThreads)
                .jettyAcceptors(2)
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .gzipDisabled(true)
                .extensions(new Transformer(organization), new InFlight(organization)));
    server.start();
    try {
      server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
      server.setGlobalFixedDelay(latencyMillis);
      Map<String, String> keys = new LinkedHashMap<>();
      keys.put(AwsScopeKeys.ACCESS_KEY_ID, organization.managementAccessKey());
      keys.put(AwsScopeKeys.SECRET_ACCESS_KEY, "benchmark-secret");
      keys.put(AwsScopeKeys.HOME_REGION, organization.regions().get(0));
      keys.put(AwsScopeKeys.ORGANIZATION_ROLE, FakeAwsOrganization.ROLE_NAME);
      Scope scope =
          new Scope(
              AwsProvider.NAME,
              List.of(),
              List.of(),
              List.of(),
              keys,
              URI.create("http://127.0.0.1:" + server.port()));
      CountingSink sink = new CountingSink();
      HeapSampler heap = new HeapSampler(organization);
      List<MemoryPoolMXBean> pools = heapPools();
      System.gc();
      pools.forEach(MemoryPoolMXBean::resetPeakUsage);
      heap.start();
      double cpuBefore = processCpuSeconds();
      long start = System.nanoTime();
      new AwsProvider(config, io.lcscan.provider.aws.AwsCollectors.all()).collect(scope, sink);
      long wall = (System.nanoTime() - start) / 1_000_000;
      double cpu = processCpuSeconds() - cpuBefore;
      heap.interrupt();
      heap.join();
      long poolPeak = pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
      List<String> empty = new ArrayList<>(organization.emptyAnswers());
      empty.sort(null);
      return new Result(
          accounts,
          regions,
          perRegion,
          latencyMillis,
          wall,
          sink.calls.get(),
          sink.attempts.get(),
          organization.requests(),
          sink.resources.get(),
          sink.byType(),
          organization.expectedResources(),
          sink.gaps(),
          sink.rawBytes.get(),
          heap.peak,
          poolPeak,
          heap.meanInFlight(),
          heap.peakInFlight,
          cpu,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          effectiveConcurrency(limits, accounts, regions),
          limits,
          empty);
    } finally {
      server.stop();
    }
  }

  /**
   * Calls the limits let be in flight at once: the global cap, unless fewer accounts (each with its
   * per-region caps) can run at once than it takes to fill it.
   */
  static int effectiveConcurrency(CollectionRuntimeConfig limits, int accounts, int regions) {
    int accountsAtOnce = Math.min(limits.getAccountParallelism(), accounts);
    // global services (IAM, Organizations) and account-wide ones add one more "region" each
    int perAccount = (regions + 1) * limits.getRegionConcurrency();
    return Math.min(limits.getGlobalConcurrency(), accountsAtOnce * perAccount);
  }

  public static void print(Result result) {
    CollectionRuntimeConfig limits = result.limits();
    System.out.printf(
        "organization: %d accounts x %d regions x %d resources per account-region, %d ms per"
            + " call%n",
        result.accounts(), result.regions(), result.resourcesPerRegion(), result.latencyMillis());
    System.out.printf(
        "limits: global %d, per account-region %d, per service-region %d..%d (adaptive), tasks"
            + " per account %d, accounts at once %d -> effective concurrency %d%n",
        limits.getGlobalConcurrency(),
        limits.getRegionConcurrency(),
        limits.getServiceInitialConcurrency(),
        limits.getServiceMaxConcurrency(),
        limits.getTaskParallelism(),
        limits.getAccountParallelism(),
        result.effectiveConcurrency());
    System.out.printf(
        "wall time: %.2f s%ncalls (call log): %,d, attempts %,d, HTTP requests served %,d%n",
        result.wallMillis() / 1000.0, result.calls(), result.attempts(), result.httpRequests());
    System.out.printf(
        "resources: %,d (expected %,d), %,.0f resources/s, %,.0f calls/s%n",
        result.resources(),
        result.expectedByType().values().stream().mapToLong(Long::longValue).sum(),
        result.resources() * 1000.0 / result.wallMillis(),
        result.attempts() * 1000.0 / result.wallMillis());
    System.out.printf(
        "peak heap: %,d MiB sampled (sum of pool peaks %,d MiB); raw answers kept: %,d MiB%n",
        result.peakHeapBytes() >> 20, result.peakHeapPoolSumBytes() >> 20, result.rawBytes() >> 20);
    System.out.printf(
        "requests in flight at the server: mean %.1f, peak %d; process CPU %.1f s (%.2f cores of"
            + " %d); load average at the end %.1f%n",
        result.meanInFlight(),
        result.peakInFlight(),
        result.cpuSeconds(),
        result.cpuSeconds() * 1000.0 / result.wallMillis(),
        Runtime.getRuntime().availableProcessors(),
        result.loadAverage());
    System.out.printf(
        "lower bound: %,d attempts x %d ms / %d = %.2f s; ratio %.2fx%n",
        result.attempts(),
        result.latencyMillis(),
        result.effectiveConcurrency(),
        result.lowerBoundMillis() / 1000.0,
        result.ratio());
    System.out.println("gaps: " + result.gaps().size());
    result.gaps().stream()
        .limit(20)
        .forEach(
            gap ->
                System.out.printf(
                    "  %s %s %s %s: %s%n",
                    gap.account(), gap.region(), gap.resourceType(), gap.reason(), gap.detail()));
    if (!result.resourcesByType().equals(result.expectedByType())) {
      System.out.println("resources by type differ from the expected counts:");
      Map<String, String> diff = new TreeMap<>();
      result.expectedByType().forEach((type, count) -> diff.put(type, "expected " + count));
      result
          .resourcesByType()
          .forEach((type, count) -> diff.merge(type, "got " + count, (a, b) -> a + ", " + b));
      diff.forEach((type, text) -> System.out.println("  " + type + ": " + text));
    }
    System.out.println("operations answered empty: " + result.emptyAnswers().size());
  }

  private static List<MemoryPoolMXBean> heapPools() {
    List<MemoryPoolMXBean> pools = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pools.add(pool);
      }
    }
    return pools;
  }

  private static double processCpuSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  /**
   * Samples the heap in use and the requests the server holds every 20 ms; the sum of pool peaks
   * overstates the heap.
   */
  private static final class HeapSampler extends Thread {
    private final FakeAwsOrganization organization;
    private volatile long peak;
    private volatile int peakInFlight;
    private long samples;
    private long inFlightSum;

    HeapSampler(FakeAwsOrganization organization) {
      super("heap-sampler");
      setDaemon(true);
      this.organization = organization;
    }

    synchronized double meanInFlight() {
      return samples == 0 ? 0 : (double) inFlightSum / samples;
    }

    @Override
    public void run() {
      var memory = ManagementFactory.getMemoryMXBean();
      while (!isInterrupted()) {
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        int inFlight = organization.inFlight();
        peakInFlight = Math.max(peakInFlight, inFlight);
        synchronized (this) {
          samples++;
          inFlightSum += inFlight;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /**
   * Keeps what a scan hands the engine (resources and gaps), and counts calls and raw answers
   * instead of keeping them: the evidence bundle streams those to disk.
   */
  static final class CountingSink implements CollectionSink {
    private final List<Resource> kept = new ArrayList<>();
    private final List<CoverageGap> gaps = new ArrayList<>();
    private final AtomicLong resources = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong rawBytes = new AtomicLong();
    private final Map<String, AtomicLong> types = new ConcurrentHashMap<>();

    @Override
    public void resource(Resource resource) {
      synchronized (kept) {
        kept.add(resource);
      }
      resources.incrementAndGet();
      types.computeIfAbsent(resource.type(), ignored -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void gap(CoverageGap gap) {
      synchronized (gaps) {
        gaps.add(gap);
      }
    }

    @Override
    public void call(CallRecord call) {
      calls.incrementAndGet();
      attempts.addAndGet(call.attempts());
    }

    @Override
    public void raw(String name, byte[] redactedBody) {
      rawBytes.addAndGet(redactedBody.length);
    }

    List<CoverageGap> gaps() {
      synchronized (gaps) {
        return List.copyOf(gaps);
      }
    }

    Map<String, Long> byType() {
      Map<String, Long> result = new TreeMap<>();
      types.forEach((type, count) -> result.put(type, count.get()));
      return result;
    }
  }

  /** Counts the requests between their arrival and the end of their (delayed) answer. */
  static final class InFlight
      implements com.github.tomakehurst.wiremock.extension.ServeEventListener {
    private final FakeAwsOrganization organization;

    InFlight(FakeAwsOrganization organization) {
      this.organization = organization;
    }

    @Override
    public void beforeMatch(
        ServeEvent serveEvent, com.github.tomakehurst.wiremock.extension.Parameters parameters) {
      organization.arrived();
    }

    @Override
    public void afterComplete(
        ServeEvent serveEvent, com.github.tomakehurst.wiremock.extension.Parameters parameters) {
      organization.completed();
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public String getName() {
      return "lcscan-in-flight";
    }
  }

  /** Answers every request from the generated organization. */
  static final class Transformer implements ResponseDefinitionTransformerV2 {
    private final FakeAwsOrganization organization;

    Transformer(FakeAwsOrganization organization) {
      this.organization = organization;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      Request request = serveEvent.getRequest();
      String url = request.getUrl();
      int question = url.indexOf('?');
      String path = question < 0 ? url : url.substring(0, question);
      Map<String, String> query = new LinkedHashMap<>();
      if (question >= 0) {
        for (String pair : url.substring(question + 1).split("&")) {
          if (pair.isEmpty()) {
            continue;
          }
          int equals = pair.indexOf('=');
          String name = equals < 0 ? pair : pair.substring(0, equals);
          String value = equals < 0 ? "" : pair.substring(equals + 1);
          query.put(decode(name), decode(value));
        }
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (HttpHeader header : request.getHeaders().all()) {
        headers.put(header.key(), header.firstValue());
      }
      FakeAwsOrganization.Answer answer =
          organization.answer(
              new FakeAwsOrganization.Call(
                  request.getMethod().getName(), path, query, headers, request.getBodyAsString()));
      return new ResponseDefinitionBuilder()
          .withStatus(answer.status())
          .withHeader("Content-Type", answer.contentType())
          .withHeader("x-amzn-RequestId", "00000000-0000-4000-8000-000000000000")
          .withBody(answer.body())
          .build();
    }

    private static String decode(String value) {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String getName() {
      return "lcscan-fake-aws";
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }
  }
}
