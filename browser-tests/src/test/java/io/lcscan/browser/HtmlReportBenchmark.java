package io.lcscan.browser;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lcscan.catalog.Catalog;
import io.lcscan.catalog.Control;
import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.ReportModel;
import io.lcscan.report.html.HtmlRenderer;
import io.lcscan.spi.Classification;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Finding;
import io.lcscan.spi.GapReason;
import io.lcscan.spi.ScanMetadata;
import io.lcscan.spi.Scope;
import io.lcscan.spi.Status;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.WindowType;

/**
 * How long a big HTML report takes to become usable in headless Chromium: from navigation start to
 * the moment the report's script has rendered the first page of findings and listens to its filters
 * (the {@code lc-ready} mark it records), with DOMContentLoaded, load and first contentful paint
 * beside it, and how long a filter change and a text search take then.
 *
 * <pre>
 * mvn -B -o -q -pl browser-tests -am verify -DskipTests -Phtml-bench [-Dbench.findings=100000 -Dbench.runs=3]
 * </pre>
 */
public final class HtmlReportBenchmark {

  private static final String[] REGIONS = {
    "ap-northeast-1", "ap-northeast-3", "us-east-1", "japaneast", "japanwest", "asia-northeast1"
  };

  private HtmlReportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int findings = 100_000;
    int runs = 3;
    Path out = Path.of("target", "html-bench");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--findings" -> findings = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Files.createDirectories(out);
    Path report = out.resolve("report-" + findings + ".html");

    Catalog catalog = LcscanConfig.load(ConfigSource.bundled()).catalog();
    ReportModel model = ReportModel.of(result(catalog, findings), catalog, "ja");
    long started = System.nanoTime();
    try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(report), 1 << 16)) {
      new HtmlRenderer().render(model, stream);
    }
    long renderMillis = (System.nanoTime() - started) / 1_000_000;
    long size = Files.size(report);

    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "report: %s, %d findings, %d bytes (%.1f MiB), rendered by HtmlRenderer in %d ms",
            report,
            findings,
            size,
            size / 1048576.0,
            renderMillis));
    try (Chromium chromium = Chromium.start()) {
      lines.add(
          "browser: Chromium "
              + chromium.driver().getCapabilities().getBrowserVersion()
              + " headless; machine: "
              + Runtime.getRuntime().availableProcessors()
              + " cores, "
              + cpu());
      lines.add(
          "| run | DOMContentLoaded ms | load ms | first contentful paint ms | ready (first page"
              + " rendered, filters live) ms | script start ms | data parsed ms | status filter ms"
              + " | text search ms (incl. 200 ms debounce) | renderer main thread CPU to ready ms |");
      lines.add("|---|---|---|---|---|---|---|---|---|---|");
      for (int run = 1; run <= runs; run++) {
        // a new tab gets a new renderer, so its CPU time counts this page alone
        String previous = chromium.driver().getWindowHandle();
        chromium.driver().switchTo().newWindow(WindowType.TAB);
        String current = chromium.driver().getWindowHandle();
        chromium.driver().switchTo().window(previous).close();
        chromium.driver().switchTo().window(current);
        chromium.driver().executeCdpCommand("Performance.enable", Map.of());
        chromium.open(report);
        double cpu = cpuSeconds(chromium);
        @SuppressWarnings("unchecked")
        Map<String, Object> times =
            (Map<String, Object>) chromium.driver().executeScript(TIMES_SCRIPT);
        Object filter = chromium.driver().executeScript(FILTER_SCRIPT);
        Object search = chromium.driver().executeAsyncScript(SEARCH_SCRIPT);
        lines.add(
            String.format(
                Locale.ROOT,
                "| %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |",
                run,
                number(times.get("dcl")),
                number(times.get("load")),
                number(times.get("fcp")),
                number(times.get("ready")),
                number(times.get("script")),
                number(times.get("parsed")),
                number(filter),
                number(search),
                cpu * 1000));
      }
    }
    lines.forEach(System.out::println);
    Files.write(out.resolve("results.md"), lines, UTF_8);
  }

  private static final String TIMES_SCRIPT =
      "var n = performance.getEntriesByType('navigation')[0];"
          + "var r = performance.getEntriesByName('lc-ready')[0];"
          + "var p = performance.getEntriesByName('first-contentful-paint')[0];"
          + "var s = performance.getEntriesByName('lc-script')[0];"
          + "var j = performance.getEntriesByName('lc-parsed')[0];"
          + "return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd,"
          + " ready: r ? r.startTime : -1, fcp: p ? p.startTime : -1,"
          + " script: s ? s.startTime : -1, parsed: j ? j.startTime : -1};";

  // status FAIL (index 1); the handler runs synchronously inside dispatchEvent: filtering and the
  // new page of rows
  private static final String FILTER_SCRIPT =
      "var s = document.querySelector('#filters select[data-f=status]');"
          + "s.value = '1';"
          + "var t0 = performance.now();"
          + "s.dispatchEvent(new Event('change'));"
          + "var t = performance.now() - t0;"
          + "s.value = ''; s.dispatchEvent(new Event('change'));"
          + "return t;";

  private static final String SEARCH_SCRIPT =
      "var done = arguments[arguments.length - 1];"
          + "var q = document.getElementById('q'), info = document.getElementById('page-info');"
          + "var before = info.textContent, t0 = performance.now();"
          + "q.value = 'resource-4242'; q.dispatchEvent(new Event('input'));"
          + "(function poll() {"
          + "  if (info.textContent !== before) { done(performance.now() - t0); return; }"
          + "  setTimeout(poll, 5);"
          + "})();";

  /** The renderer's main-thread CPU time so far, which a busy machine does not inflate. */
  private static double cpuSeconds(Chromium chromium) {
    Map<String, Object> result =
        chromium.driver().executeCdpCommand("Performance.getMetrics", Map.of());
    for (Object metric : (List<?>) result.get("metrics")) {
      Map<?, ?> entry = (Map<?, ?>) metric;
      if ("ThreadTime".equals(entry.get("name"))) {
        return number(entry.get("value"));
      }
    }
    return Double.NaN;
  }

  private static Finding finding(
      Control control,
      Status status,
      String provider,
      int account,
      int region,
      String type,
      String id,
      String message,
      Map<String, JsonNode> evidence) {
    return new Finding(
        control.id(),
        status,
        control.severity(),
        control.phase(),
        provider,
        String.format(Locale.ROOT, "%012d", 100000000000L + account),
        REGIONS[region],
        type,
        id,
        id == null ? null : id.substring(id.lastIndexOf('/') + 1),
        id == null ? null : Classification.C2,
        message,
        evidence,
        status == Status.WAIVED
            ? new Finding.WaiverRef(
                "WVR-" + (account % 20), "ciso@example.go.jp", "SEC-1234", "2027-03-31", false, "")
            : null);
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static String cpu() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), UTF_8)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      // not Linux: the core count alone is printed
    }
    return "unknown CPU";
  }

  /**
   * {@code count} findings as a big nightly scan gives them: resources of every type the catalog
   * checks, spread over three providers, 500 accounts and six regions, each judged by every control
   * for its type (so a resource has several findings), plus the manual controls once per account;
   * evidence and messages name resource-specific values.
   */
  static ScanResult result(Catalog catalog, int count) {
    Map<String, List<Control>> byType = new java.util.TreeMap<>();
    List<Control> manual = new ArrayList<>();
    for (Control control : catalog.controls()) {
      if (control.appliesTo().isEmpty()) {
        manual.add(control);
      }
      for (String type : control.appliesTo()) {
        byType.computeIfAbsent(type, key -> new ArrayList<>()).add(control);
      }
    }
    List<String> types = List.copyOf(byType.keySet());
    List<Finding> findings = new ArrayList<>(count);
    for (int account = 0; account < 500 && findings.size() < count; account++) {
      for (Control control : manual) {
        if (findings.size() < count) {
          findings.add(
              finding(control, Status.MANUAL, "aws", account, 0, null, null, null, Map.of()));
        }
      }
    }
    for (int i = 0; findings.size() < count; i++) {
      String type = types.get(i % types.size());
      String provider = type.substring(0, type.indexOf('.'));
      String id = provider + "://" + type + "/resource-" + i;
      int j = 0;
      for (Control control : byType.get(type)) {
        if (findings.size() >= count) {
          break;
        }
        int roll = (int) Math.floorMod((i * 31L + j++) * 2654435761L, 100L);
        Status status =
            roll < 60
                ? Status.PASS
                : roll < 75
                    ? Status.FAIL
                    : roll < 90 ? Status.NOT_APPLICABLE : roll < 95 ? Status.ERROR : Status.WAIVED;
        Map<String, JsonNode> evidence = new LinkedHashMap<>();
        evidence.put("encryption.enabled", BooleanNode.valueOf(status != Status.FAIL));
        evidence.put("retention.days", IntNode.valueOf(status == Status.FAIL ? i % 365 : 365));
        evidence.put("tags.lc-owner", TextNode.valueOf("team-" + (i % 40) + "@example.go.jp"));
        String message =
            status == Status.FAIL
                ? "retention.days=" + (i % 365) + " is below the minimum 365"
                : status == Status.ERROR ? "attribute encryption.keyId is missing" : null;
        findings.add(
            finding(
                control,
                status,
                provider,
                i % 500,
                i % REGIONS.length,
                type,
                id,
                message,
                evidence));
      }
    }
    ScanMetadata metadata =
        new ScanMetadata(
            "bench-" + count,
            "live",
            "arn:aws:sts::123456789012:assumed-role/lcscan-readonly/nightly",
            List.of(Scope.of("aws"), Scope.of("azure"), Scope.of("gcp")),
            Instant.parse("2026-11-25T15:00:00Z"),
            Instant.parse("2026-11-25T16:10:00Z"),
            "0.1.0");
    List<CoverageGap> gaps =
        List.of(
            new CoverageGap(
                "aws",
                "100000000007",
                "us-east-1",
                "aws.kms.key",
                "kms",
                GapReason.ACCESS_DENIED,
                "kms:ListKeys AccessDenied"));
    return new ScanResult(
        metadata,
        findings,
        gaps,
        false,
        catalog.version(),
        catalog.digest(),
        Instant.parse("2026-11-25T16:10:00Z"));
  }
}
