package io.lcscan.browser;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An inventory whose every string a cloud account controls carries script: the report must show
 * each one as text, run none of it, create no element from it, and fetch nothing. The page is
 * opened twice: as written, and with its Content-Security-Policy removed, so escaping alone is
 * shown to hold and the policy is only the second line of defence.
 */
class TestXssInBrowser {

  /**
   * Each payload, if it ran, would open an alert, set {@code window.__xss} or leave an element with
   * the id {@code xss-marker}; two would also fetch from this machine.
   */
  static final List<String> CORPUS =
      List.of(
          "<script>window.__xss=1;alert('xss')</script>",
          "\"><img id=xss-marker src=x onerror=\"window.__xss=1;alert('xss')\">",
          "'><svg id=xss-marker onload=\"window.__xss=1;alert('xss')\">",
          "javascript:window.__xss=1;alert('xss')",
          "</script><script>window.__xss=1;alert('xss')</script>",
          "</textarea></title></style><b id=xss-marker>b</b>",
          "<!--<script>window.__xss=1</script>-->",
          "${window.__xss=1}`;alert('xss');`",
          "{{constructor.constructor('window.__xss=1;alert(1)')()}}",
          "\"]}];window.__xss=1;alert('xss');//",
          "line\u2028separator\u2029paragraph</script><b id=xss-marker>",
          "<iframe id=xss-marker srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
          "<a id=xss-marker href=\"javascript:alert('xss')\">click</a>",
          "\" onmouseover=\"window.__xss=1\" autofocus onfocus=\"window.__xss=1\" x=\"",
          "&lt;script&gt;window.__xss=1&lt;/script&gt;",
          "<math><mi xlink:href=\"javascript:alert('xss')\">x</mi></math>",
          "<style>@import 'http://127.0.0.1:9/xss.css';</style>",
          "<img id=xss-marker src=\"http://127.0.0.1:9/xss.png\">",
          "\\u003cimg id=xss-marker src=x onerror=alert(1)\\u003e",
          "<template><script>window.__xss=1</script></template>");

  private static final ObjectMapper JSON = new ObjectMapper();

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

  @Test
  void hostileStringsStayText() throws IOException {
    Path dir = Lcscan.outputDir("xss");
    Path inventory = dir.resolve("inventory.json");
    Path config = dir.resolve("config");
    Files.writeString(inventory, JSON.writeValueAsString(hostileInventory()), UTF_8);
    copyConfig(Lcscan.root().resolve("config"), config);

    // first run: which controls fail on these resources, to put waivers on two of them
    Path first = dir.resolve("first");
    Files.createDirectories(first);
    Lcscan.reports(
        first, List.of(0, 1, 3), "evaluate", inventory.toString(), "--config", config.toString());
    List<String> failing = new ArrayList<>();
    for (JsonNode finding : JSON.readTree(first.resolve("report.json").toFile()).path("findings")) {
      String control = finding.path("controlId").asText();
      if ("FAIL".equals(finding.path("status").asText()) && !failing.contains(control)) {
        failing.add(control);
      }
    }
    assertThat(failing).as("controls failing on the hostile inventory").hasSizeGreaterThan(1);
    Files.writeString(
        config.resolve("waivers.yaml"), waivers(failing.get(0), failing.get(1)), UTF_8);

    Path out = dir.resolve("report");
    Files.createDirectories(out);
    Lcscan.reports(
        out, List.of(0, 1, 3), "evaluate", inventory.toString(), "--config", config.toString());
    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    assertThat(report.path("findings").toString()).contains("WAIVED");
    Path html = out.resolve("report.html");
    String markup = Files.readString(html, UTF_8);
    assertThat(markup).contains("Content-Security-Policy");

    // the page as written, then the same page without its policy
    exercise(html, report, true);
    Path unprotected = out.resolve("report-without-csp.html");
    String stripped =
        Pattern.compile("<meta http-equiv=\"Content-Security-Policy\"[^>]*>")
            .matcher(markup)
            .replaceFirst("");
    assertThat(stripped).isNotEqualTo(markup);
    Files.writeString(unprotected, stripped, UTF_8);
    exercise(unprotected, report, false);
  }

  private void exercise(Path html, JsonNode report, boolean withPolicy) {
    chromium.requestedUrls();
    chromium.console();
    chromium.open(html);
    ReportPage page = new ReportPage(chromium);
    page.assertSafe();

    // the template's own places: scan identity, coverage gaps, waivers
    assertThat(page.textOf("#meta-identity")).isEqualTo(CORPUS.get(1));
    assertThat(page.textOf("#meta-scan")).isEqualTo(CORPUS.get(0));
    assertThat(page.textOf("table.gaps")).contains(CORPUS.get(4)).contains(CORPUS.get(5));
    assertThat(page.textOf("#waivers")).contains(CORPUS.get(2)).contains(CORPUS.get(12));
    assertThat(page.textOf("#lapsed")).contains(CORPUS.get(6));

    // every payload, searched for, is a row of the findings table that shows it as text
    Set<String> names = new LinkedHashSet<>();
    report.path("findings").forEach(f -> names.add(f.path("resourceName").asText()));
    for (String payload : CORPUS) {
      if (!names.contains(payload)) {
        continue;
      }
      page.search(payload);
      assertThat(page.matching()).as("rows for " + payload).isPositive();
      assertThat(page.cellTexts()).as("cells for " + payload).anyMatch(t -> t.contains(payload));
      // its detail: the resource's name as the heading, every finding of the resource, evidence
      // (a payload can be part of another, so pick the row whose resource is exactly this one)
      Long row =
          (Long)
              page.driver()
                  .executeScript(
                      "var rows = document.querySelectorAll('#rows tr');"
                          + "for (var i = 0; i < rows.length; i++) {"
                          + "  var name = rows[i].querySelector('td:nth-child(9) div');"
                          + "  if (name && name.textContent === arguments[0]) { return i; }"
                          + "}"
                          + "return -1;",
                      payload);
      assertThat(row).as("a row named " + payload).isNotNegative();
      page.click(page.rows().get(row.intValue()));
      assertThat(page.textOf("#detail h3")).isEqualTo(payload);
      page.assertSafe();
    }
    assertThat(names).as("resource names that carry a payload").hasSizeGreaterThan(10);
    page.reset();

    // every account and region, hostile ones included, through the filter lists
    for (String field : List.of("account", "region", "control", "status")) {
      WebElement select =
          page.driver().findElement(By.cssSelector("select[data-f='" + field + "']"));
      List<WebElement> options = select.findElements(By.tagName("option"));
      for (int i = 1; i < options.size(); i++) {
        page.driver()
            .executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));",
                select,
                String.valueOf(i - 1));
        page.assertSafe();
      }
      page.reset();
    }
    String hostileAccount = CORPUS.get(7);
    page.filter("account", hostileAccount);
    assertThat(page.matching()).isPositive();
    assertThat(page.cellTexts()).contains(hostileAccount);
    page.reset();

    // every page of the table, every column sorted, every row's detail on the first page
    for (WebElement th : page.driver().findElements(By.cssSelector("th[data-sort]"))) {
      page.click(th);
      page.assertSafe();
    }
    while (page.driver().findElement(By.id("next")).isEnabled()) {
      page.click(page.driver().findElement(By.id("next")));
      int rows = page.rows().size();
      for (int i = 0; i < rows; i += 25) {
        page.click(page.rows().get(i));
      }
      page.assertSafe();
    }

    // every control's page, with its affected resources rendered
    for (WebElement details : page.driver().findElements(By.cssSelector("details.ctl"))) {
      page.driver().executeScript("arguments[0].open = true;", details);
    }
    assertThat(page.textOf("#controls")).contains(CORPUS.get(0));
    List<WebElement> affected = page.driver().findElements(By.cssSelector("#controls .affected a"));
    assertThat(affected).as("affected resources listed on the control pages").isNotEmpty();
    for (WebElement link : affected.subList(0, Math.min(20, affected.size()))) {
      page.click(link);
    }
    page.assertSafe();

    // both languages re-render everything the script wrote
    page.language("ja");
    page.assertSafe();
    page.language("en");
    page.assertSafe();

    // nothing was fetched; with the policy in place it also reported no violation
    if (withPolicy) {
      NoNetwork.assertOnlyTheFile(chromium, html);
    } else {
      String file = html.toUri().toString();
      assertThat(chromium.requestedUrls()).allMatch(url -> url.equals(file));
    }
  }

  /** The example inventory with the corpus in names, ids, tags, attributes, metadata and gaps. */
  static ObjectNode hostileInventory() throws IOException {
    ObjectNode inventory =
        (ObjectNode)
            JSON.readTree(Lcscan.root().resolve("config/examples/inventory.json").toFile());
    ObjectNode metadata = (ObjectNode) inventory.path("metadata");
    metadata.put("scanId", CORPUS.get(0));
    metadata.put("identity", CORPUS.get(1));
    ArrayNode resources = (ArrayNode) inventory.path("resources");
    List<JsonNode> originals = new ArrayList<>();
    resources.forEach(originals::add);
    resources.removeAll();
    // every payload names a copy of an example resource, round-robin over the examples
    for (int i = 0; i < CORPUS.size(); i++) {
      String payload = CORPUS.get(i);
      ObjectNode resource = originals.get(i % originals.size()).deepCopy();
      resource.put("id", resource.path("id").asText() + "/" + i + "/" + payload);
      resource.put("name", payload);
      ObjectNode tags = (ObjectNode) resource.path("tags");
      tags.put("lc-owner", payload);
      tags.put("lc-system-id", payload);
      tags.put(payload, payload);
      if (i == 7) {
        resource.put("account", payload);
      }
      if (resource.path("type").asText().equals("aws.s3.bucket")) {
        ObjectNode logging = (ObjectNode) resource.path("attributes").path("logging");
        logging.put("enabled", true);
        logging.put("targetBucket", payload);
        ObjectNode encryption = (ObjectNode) resource.path("attributes").path("encryption");
        encryption.put("keyId", "arn:aws:kms:ap-northeast-1:123456789012:key/" + payload);
      }
      resources.add(resource);
    }
    ArrayNode gaps = (ArrayNode) inventory.withArray("gaps");
    gaps.add(
        JSON.valueToTree(
            Map.of(
                "provider", "aws",
                "account", "123456789012",
                "region", "us-west-2",
                "resourceType", "aws.kms.key",
                "service", CORPUS.get(4),
                "reason", "ACCESS_DENIED",
                "detail", CORPUS.get(5))));
    return inventory;
  }

  /** An applied and a lapsed waiver, written as JSON (which YAML reads), carrying the corpus. */
  private static String waivers(String applied, String lapsed) throws IOException {
    List<Map<String, String>> waivers =
        List.of(
            Map.of(
                "id",
                "WVR-1 " + CORPUS.get(12),
                "control",
                applied,
                "resource",
                "*",
                "reason",
                CORPUS.get(2),
                "approver",
                CORPUS.get(12),
                "ticket",
                CORPUS.get(13),
                "expires",
                "2099-12-31"),
            Map.of(
                "id",
                "WVR-2",
                "control",
                lapsed,
                "resource",
                "*",
                "reason",
                CORPUS.get(6),
                "approver",
                CORPUS.get(9),
                "ticket",
                CORPUS.get(14),
                "expires",
                "2020-01-31"));
    return JSON.writeValueAsString(Map.of("waivers", waivers));
  }

  private static void copyConfig(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
