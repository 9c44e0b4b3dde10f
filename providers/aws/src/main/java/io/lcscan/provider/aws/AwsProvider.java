package io.lcscan.provider.aws;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.lcscan.provider.common.CallContext;
import io.lcscan.provider.common.CollectionRuntime;
import io.lcscan.provider.common.CollectionTask;
import io.lcscan.provider.common.RedactingCollectionSink;
import io.lcscan.spi.CollectionSink;
import io.lcscan.spi.Collector;
import io.lcscan.spi.GapReason;
import io.lcscan.spi.Provider;
import io.lcscan.spi.Scope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The live AWS provider. For each account in scope (the caller's, or every ACTIVE account of the
 * organization) it proves the credentials, finds the enabled regions, and runs every selected
 * collector in each region (global services once per account) on the shared collection runtime.
 * Accounts are collected a few at a time, each with its own clients, closed when it is done.
 */
public final class AwsProvider implements Provider {
  public static final String NAME = "aws";

  private final AwsProviderConfig config;
  private final List<AwsCollector> collectors;

  /** For {@link java.util.ServiceLoader}: the default settings and every collector. */
  public AwsProvider() {
    this(new AwsProviderConfig(), AwsCollectors.all());
  }

  @Inject
  public AwsProvider(AwsProviderConfig config, Set<AwsCollector> collectors) {
    this(config, List.copyOf(collectors));
  }

  public AwsProvider(AwsProviderConfig config, List<AwsCollector> collectors) {
    this.config = requireNonNull(config, "config is null");
    this.collectors = List.copyOf(requireNonNull(collectors, "collectors is null"));
  }

  @Override
  public String name() {
    return NAME;
  }

  public AwsProviderConfig config() {
    return config;
  }

  /** One SPI collector per service; each alone runs a whole scan of its own service. */
  @Override
  public List<Collector> collectors() {
    List<Collector> result = new ArrayList<>();
    for (AwsCollector collector : collectors) {
      result.add(new AwsServiceCollector(this, collector));
    }
    return result;
  }

  public List<AwsCollector> awsCollectors() {
    return collectors;
  }

  /** The normalized types the scope's services produce. */
  public Set<String> resourceTypes(Scope scope) {
    Set<String> types = new LinkedHashSet<>();
    selected(scope).forEach(collector -> types.addAll(collector.resourceTypes()));
    return types;
  }

  @Override
  public void collect(Scope scope, CollectionSink sink) throws InterruptedException {
    collect(scope, sink, selected(scope), AwsScanProgress.NONE);
  }

  /** Collects as {@link #collect(Scope, CollectionSink)} does, telling {@code progress} how far. */
  public void collect(Scope scope, CollectionSink sink, AwsScanProgress progress)
      throws InterruptedException {
    collect(scope, sink, selected(scope), requireNonNull(progress, "progress is null"));
  }

  /**
   * The principal the scope's credentials resolve to (an ARN), for the scan's metadata; empty when
   * it cannot be established, which the scan itself then reports as a gap.
   */
  public Optional<String> callerIdentity(Scope scope) {
    try (AwsClientFactory clients =
        new AwsClientFactory(config, scope.endpointOverride(), null, homeRegion(scope))) {
      Map<String, String> keys = scope.credentials();
      AwsCredentialsProvider credentials = clients.baseCredentials(keys);
      if (keys.get(AwsScopeKeys.ROLE_ARN) != null) {
        credentials =
            clients.assumeRole(
                credentials,
                "base",
                keys.get(AwsScopeKeys.ROLE_ARN),
                keys.get(AwsScopeKeys.EXTERNAL_ID),
                "caller");
      }
      StsClient sts = clients.client(StsClient.class, credentials, "caller", clients.homeRegion());
      return Optional.ofNullable(sts.getCallerIdentity().arn());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  void collect(
      Scope scope, CollectionSink target, List<AwsCollector> selected, AwsScanProgress progress)
      throws InterruptedException {
    requireNonNull(scope, "scope is null");
    requireNonNull(target, "target is null");
    if (selected.isEmpty()) {
      return;
    }
    CollectionSink sink = new RedactingCollectionSink(target);
    Set<String> types = new LinkedHashSet<>();
    Set<String> regionalTypes = new LinkedHashSet<>();
    for (AwsCollector collector : selected) {
      types.addAll(collector.resourceTypes());
      if (collector.placement() != AwsPlacement.GLOBAL) {
        regionalTypes.addAll(collector.resourceTypes());
      }
    }
    String home = homeRegion(scope);
    try (CollectionRuntime runtime =
            new CollectionRuntime(
                config.getRuntime(),
                new AwsErrorClassifier(Clock.systemUTC()),
                new AwsResponseInspector());
        AwsClientFactory clients =
            new AwsClientFactory(
                config, scope.endpointOverride(), config.isRawResponses() ? sink : null, home)) {
      AwsScanPlanner planner = new AwsScanPlanner(clients, runtime, sink);
      List<AwsScanPlanner.AccountPlan> plans = planner.accounts(scope, types);
      if (plans.isEmpty()) {
        return;
      }
      int threads = Math.min(config.getRuntime().getAccountParallelism(), plans.size());
      AtomicInteger counter = new AtomicInteger();
      ExecutorService accounts =
          Executors.newFixedThreadPool(
              threads,
              runnable -> {
                Thread thread =
                    new Thread(runnable, "lcscan-aws-account-" + counter.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (AwsScanPlanner.AccountPlan plan : plans) {
          futures.add(
              accounts.submit(
                  () -> {
                    collectAccount(
                        plan,
                        scope,
                        selected,
                        types,
                        regionalTypes,
                        planner,
                        runtime,
                        clients,
                        sink,
                        progress);
                    return null;
                  }));
        }
        for (Future<?> future : futures) {
          try {
            future.get();
          } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
          }
        }
      } catch (InterruptedException e) {
        accounts.shutdownNow();
        throw e;
      } finally {
        accounts.shutdown();
      }
    }
  }

  private void collectAccount(
      AwsScanPlanner.AccountPlan plan,
      Scope scope,
      List<AwsCollector> selected,
      Set<String> types,
      Set<String> regionalTypes,
      AwsScanPlanner planner,
      CollectionRuntime runtime,
      AwsClientFactory clients,
      CollectionSink sink,
      AwsScanProgress progress)
      throws InterruptedException {
    try {
      AwsAccountSession session = planner.open(plan, scope, types, regionalTypes);
      if (session == null) {
        return;
      }
      // how many collectors each region of the account still waits for
      Map<String, AtomicInteger> pending = new LinkedHashMap<>();
      List<CollectionTask> tasks = new ArrayList<>();
      for (AwsCollector collector : selected) {
        for (String region : placements(collector, session, clients)) {
          CallContext calls = runtime.context(NAME, session.accountId(), region, sink);
          AwsCollectionContext context = new AwsCollectionContext(session, clients, calls);
          AtomicInteger left =
              pending.computeIfAbsent(progressUnit(region), unit -> new AtomicInteger());
          left.incrementAndGet();
          tasks.add(
              new CollectionTask(
                  calls,
                  collector.service(),
                  collector.resourceTypes(),
                  ignored -> {
                    try {
                      collector.collect(context);
                    } finally {
                      if (left.decrementAndGet() == 0) {
                        progress.finished(1);
                      }
                    }
                  }));
        }
      }
      progress.planned(pending.size());
      runtime.run(tasks);
    } catch (InterruptedException e) {
      throw e;
    } catch (RuntimeException e) {
      // a bug in planning must not hide the account: its types are a gap, not absent
      runtime
          .context(NAME, plan.accountId(), "*", sink)
          .gap(types, "aws", GapReason.ERROR, "collecting the account failed: " + e);
    } finally {
      clients.closeAccount(plan.accountId());
    }
  }

  // account-wide settings are read in the home region, so they count with the global services
  private static String progressUnit(String region) {
    return "*".equals(region) ? AwsClientFactory.GLOBAL : region;
  }

  private static List<String> placements(
      AwsCollector collector, AwsAccountSession session, AwsClientFactory clients) {
    return switch (collector.placement()) {
      case GLOBAL -> List.of(AwsClientFactory.GLOBAL);
      case ACCOUNT -> List.of("*");
      case REGIONAL ->
          session.regions().stream()
              .filter(region -> clients.local() || offered(collector.serviceMetadata(), region))
              .toList();
    };
  }

  // a region the SDK knows but where the service has no endpoint holds none of its resources
  private static boolean offered(Optional<ServiceMetadata> metadata, String region) {
    if (metadata.isEmpty()) {
      return true;
    }
    Region known = Region.of(region);
    if (known.metadata() == null) {
      return true;
    }
    List<Region> regions = metadata.get().regions();
    return regions.isEmpty() || regions.contains(known);
  }

  private List<AwsCollector> selected(Scope scope) {
    if (scope.services().isEmpty()) {
      return collectors;
    }
    Set<String> wanted = new LinkedHashSet<>();
    scope.services().forEach(service -> wanted.add(service.toLowerCase(Locale.ROOT)));
    return collectors.stream().filter(collector -> wanted.contains(collector.service())).toList();
  }

  private String homeRegion(Scope scope) {
    String configured = scope.credentials().get(AwsScopeKeys.HOME_REGION);
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    if (scope.endpointOverride() == null) {
      try {
        return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
      } catch (RuntimeException e) {
        // no region configured anywhere: fall back to the configured default
      }
    }
    return config.getDefaultRegion();
  }

  /** The SPI face of one AWS collector. */
  private static final class AwsServiceCollector implements Collector {
    private final AwsProvider provider;
    private final AwsCollector collector;

    AwsServiceCollector(AwsProvider provider, AwsCollector collector) {
      this.provider = requireNonNull(provider, "provider is null");
      this.collector = requireNonNull(collector, "collector is null");
    }

    @Override
    public String service() {
      return collector.service();
    }

    @Override
    public Set<String> resourceTypes() {
      return collector.resourceTypes();
    }

    @Override
    public void collect(Scope scope, CollectionSink sink) throws InterruptedException {
      provider.collect(scope, sink, List.of(collector), AwsScanProgress.NONE);
    }
  }
}
