package io.lcscan.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The reports the CLI writes, opened in a real browser: what the page shows must be what the JSON
 * report of the same run holds, its filters, sorting, language switch and control pages must work,
 * and it must make no request and break no rule of its Content-Security-Policy.
 */
class TestReportInBrowser {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] STATUSES = {
    "PASS", "FAIL", "ERROR", "NOT_APPLICABLE", "WAIVED", "MANUAL"
  };
  private static final String[] SEVERITIES = {"CRITICAL", "HIGH", "MEDIUM", "LOW"};
  private static final String[] PHASES = {
    "ADOPTION", "BUILD", "OPERATION", "MAINTENANCE", "RENEWAL", "DISPOSAL"
  };

  private static Chromium chromium;

  @BeforeAll
  static void startBrowser() {
    chromium = Chromium.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  static Stream<Arguments> scans() {
    Path root = Lcscan.root();
    return Stream.of(
        Arguments.of(
            "terraform-aws",
            List.of("scan", "terraform", root.resolve("examples/aws-plan.json").toString())),
        Arguments.of(
            "inventory",
            List.of("evaluate", root.resolve("config/examples/inventory.json").toString())),
        // a live AWS scan of the fake account the demo serves on 127.0.0.1 (exits 3: a gap)
        Arguments.of("demo", List.of("demo")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scans")
  void theReportShowsWhatTheRunFound(String name, List<String> command) throws IOException {
    Path dir = Lcscan.outputDir(name);
    // a plan with values known only after apply exits 3, and so does a scan with a gap
    Lcscan.reports(dir, List.of(0, 1, 3), command.toArray(String[]::new));
    JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
    List<JsonNode> findings = new ArrayList<>();
    report.path("findings").forEach(findings::add);
    assertThat(findings).isNotEmpty();

    chromium.requestedUrls();
    chromium.console();
    Path html = dir.resolve("report.html");
    chromium.open(html);
    ReportPage page = new ReportPage(chromium);
    page.assertSafe();

    // --- summary: every chart bar and the totals equal the JSON report's findings
    for (String status : STATUSES) {
      assertThat(page.bar("status-" + status))
          .as("status " + status)
          .isEqualTo(count(findings, f -> status.equals(f.path("status").asText())));
    }
    for (String severity : SEVERITIES) {
      assertThat(page.bar("severity-" + severity))
          .as("severity " + severity)
          .isEqualTo(count(findings, f -> severity.equals(f.path("severity").asText())));
    }
    for (String phase : PHASES) {
      assertThat(page.bar("phase-" + phase))
          .as("phase " + phase)
          .isEqualTo(count(findings, f -> phase.equals(f.path("phase").asText())));
    }
    assertThat(page.textOf("#meta-total")).isEqualTo(String.valueOf(findings.size()));
    assertThat(page.driver().findElements(By.cssSelector("tr.gap")))
        .hasSize(report.path("gaps").size());
    assertThat(page.driver().findElement(By.id("coverage")).getAttribute("data-complete"))
        .isEqualTo(
            String.valueOf(report.path("complete").asBoolean() && report.path("gaps").isEmpty()));
    long[] info = page.pageInfo();
    assertThat(info[2]).isEqualTo(findings.size());
    assertThat(info[3]).isEqualTo(findings.size());
    assertThat(page.rows()).hasSize(Math.min(100, findings.size()));

    // --- filters: status FAIL, then FAIL and one severity
    long fails = count(findings, f -> "FAIL".equals(f.path("status").asText()));
    assertThat(fails).as("the example must fail something").isPositive();
    page.filter("status", "FAIL");
    assertThat(page.matching()).isEqualTo(fails);
    assertThat(page.rows()).hasSize((int) Math.min(100, fails));
    for (WebElement row : page.rows()) {
      assertThat(row.findElement(By.cssSelector("td.st")).getText()).isEqualTo("Fail");
    }
    String severity = findFirst(findings, "FAIL").path("severity").asText();
    page.filter("severity", severity);
    assertThat(page.matching())
        .isEqualTo(
            count(
                findings,
                f ->
                    "FAIL".equals(f.path("status").asText())
                        && severity.equals(f.path("severity").asText())));
    page.filter("severity", "");
    assertThat(page.matching()).isEqualTo(fails);

    // --- free text: a resource id, counted over the same fields the page searches
    String query = findFirst(findings, "FAIL").path("resourceId").asText();
    page.search(query);
    assertThat(page.matching())
        .as("search " + query)
        .isEqualTo(
            count(
                findings,
                f ->
                    "FAIL".equals(f.path("status").asText())
                        && searchable(f).contains(lower(query))));
    assertThat(page.cellTexts()).anyMatch(text -> text.contains(query));
    page.reset();
    assertThat(page.matching()).isEqualTo(findings.size());

    // --- sorting: the severity column puts the most severe first, then last
    page.click(page.driver().findElement(By.cssSelector("th[data-sort='severity']")));
    String worst = mostSevere(findings);
    assertThat(page.rows().get(0).findElements(By.tagName("td")).get(1).getText())
        .isEqualTo(severityLabel(worst));
    page.click(page.driver().findElement(By.cssSelector("th[data-sort='severity']")));
    assertThat(page.rows().get(0).findElements(By.tagName("td")).get(1).getText())
        .isNotEqualTo(severityLabel(worst));

    // --- a finding's detail shows the attribute values that decided it
    page.filter("status", "FAIL");
    page.click(page.rows().get(0));
    WebElement detail = page.driver().findElement(By.id("detail"));
    assertThat(detail.isDisplayed()).isTrue();
    String shownControl = page.textOf("#detail dd[data-k='control']");
    String shownId = page.textOf("#detail dd[data-k='id']");
    String shownMessage = page.textOf("#detail dd[data-k='message']");
    List<JsonNode> candidates =
        findings.stream()
            .filter(f -> "FAIL".equals(f.path("status").asText()))
            .filter(f -> shownControl.startsWith(f.path("controlId").asText() + " "))
            .filter(f -> shownId.equals(f.path("resourceId").asText()))
            .filter(f -> shownMessage.equals(f.path("message").asText()))
            .toList();
    assertThat(candidates).as("the finding the detail shows").hasSize(1);
    JsonNode shown = candidates.get(0);
    List<WebElement> evidenceRows = detail.findElements(By.cssSelector("table.evidence tr"));
    if (shown.path("evidence").isEmpty()) {
      assertThat(evidenceRows).isEmpty();
    } else {
      // a header, then one row per attribute: its path and the value that decided the result
      assertThat(evidenceRows).hasSize(shown.path("evidence").size() + 1);
      shown
          .path("evidence")
          .fields()
          .forEachRemaining(
              entry -> {
                String row = entry.getKey() + " " + entry.getValue().toString();
                assertThat(evidenceRows)
                    .extracting(WebElement::getText)
                    .as("evidence row " + row)
                    .contains(row);
              });
    }
    page.reset();

    // --- a control's page opens from the lifecycle view and lists its affected resources
    String control = findFirst(findings, "FAIL").path("controlId").asText();
    page.click(
        page.driver().findElement(By.cssSelector("#lifecycle a[href='#ctl-" + control + "']")));
    WebElement details = page.driver().findElement(By.id("ctl-" + control));
    chromium.waitUntil(() -> details.getAttribute("open") != null, "control page opens");
    long affected =
        count(
            findings,
            f ->
                control.equals(f.path("controlId").asText())
                    && Set.of("FAIL", "ERROR", "MANUAL", "WAIVED")
                        .contains(f.path("status").asText()));
    assertThat(details.findElements(By.cssSelector(".affected li")))
        .hasSize((int) Math.min(100, affected));
    assertThat(details.getText()).contains("Remediation").contains("Rationale");

    // --- language: labels, the pager line and statuses follow the switch
    assertThat(page.heading()).isEqualTo("lcscan lifecycle security report");
    page.language("ja");
    assertThat(page.heading()).isEqualTo("lcscan ライフサイクルセキュリティ報告書");
    assertThat(page.driver().findElement(By.id("page-info")).getText()).contains("ページ");
    page.filter("status", "FAIL");
    assertThat(page.rows().get(0).findElement(By.cssSelector("td.st")).getText()).isEqualTo("不適合");
    Path screenshot = page.screenshot(dir.resolve("report-ja.png"));
    page.language("en");
    assertThat(page.heading()).isEqualTo("lcscan lifecycle security report");
    assertThat(page.rows().get(0).findElement(By.cssSelector("td.st")).getText()).isEqualTo("Fail");

    // --- the screenshot is a real PNG
    byte[] png = Files.readAllBytes(screenshot);
    assertThat(png.length).isGreaterThan(1000);
    assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    page.screenshot(dir.resolve("report-en.png"));

    // --- nothing left the file: no request but the file itself, no resource entry, no CSP report
    NoNetwork.assertOnlyTheFile(chromium, html);
    page.assertSafe();
  }

  private static JsonNode findFirst(List<JsonNode> findings, String status) {
    return findings.stream()
        .filter(f -> status.equals(f.path("status").asText()))
        .findFirst()
        .orElseThrow();
  }

  private static long count(List<JsonNode> findings, Predicate<JsonNode> predicate) {
    return findings.stream().filter(predicate).count();
  }

  /** The fields the report's text filter looks in, as the page joins them. */
  private static String searchable(JsonNode f) {
    return lower(
        String.join(
            "\n",
            f.path("controlId").asText(),
            f.path("controlTitle").asText(),
            f.path("resourceId").asText(),
            f.path("resourceName").asText(),
            f.path("resourceType").asText(),
            f.path("account").asText(),
            f.path("region").asText(),
            f.path("classification").asText(),
            f.path("message").asText(),
            f.path("evidence").isEmpty() ? "" : f.path("evidence").toString()));
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private static String mostSevere(List<JsonNode> findings) {
    for (String severity : SEVERITIES) {
      if (count(findings, f -> severity.equals(f.path("severity").asText())) > 0) {
        return severity;
      }
    }
    throw new AssertionError("no severity");
  }

  private static String severityLabel(String severity) {
    return switch (severity) {
      case "CRITICAL" -> "Critical";
      case "HIGH" -> "High";
      case "MEDIUM" -> "Medium";
      default -> "Low";
    };
  }
}
