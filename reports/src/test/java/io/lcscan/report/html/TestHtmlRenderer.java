package io.lcscan.report.html;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lcscan.report.ReportFixtures;
import io.lcscan.report.ReportModel;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Phase;
import io.lcscan.spi.Severity;
import io.lcscan.spi.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TestHtmlRenderer {

  private static final Pattern DATA =
      Pattern.compile(
          "<script type=\"application/json\" id=\"lc-data\">(.*?)</script>", Pattern.DOTALL);
  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
  private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern CSP =
      Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">");
  private static final Pattern URL_ATTRIBUTE =
      Pattern.compile(
          "\\s(href|src|action|formaction|xlink:href|srcset|poster|data)\\s*=\\s*\"([^\"]*)\"");

  private final HtmlRenderer renderer = new HtmlRenderer();

  @Test
  void summaryNumbersMatchTheModel() throws IOException {
    ReportModel model = HtmlFixtures.model("en");
    String html = render(model);

    model
        .result()
        .countsByStatus()
        .forEach(
            (status, count) -> assertThat(bar(html, "status-" + status.name())).isEqualTo(count));
    for (Severity severity : Severity.values()) {
      long expected =
          model.result().findings().stream().filter(f -> f.severity() == severity).count();
      assertThat(bar(html, "severity-" + severity.name())).isEqualTo(expected);
    }
    for (Phase phase : Phase.values()) {
      long expected = model.result().findings().stream().filter(f -> f.phase() == phase).count();
      assertThat(bar(html, "phase-" + phase.name())).isEqualTo(expected);
      assertThat(html)
          .contains("id=\"phase-" + phase.name() + "\" data-count=\"" + expected + "\"");
    }
    assertThat(html)
        .contains("<dd id=\"meta-total\">" + model.result().findings().size() + "</dd>");
    // the data block holds every finding exactly once
    assertThat(data(html).path("f")).hasSize(model.result().findings().size());
  }

  @Test
  void metadataAndCoverageGaps() throws IOException {
    String html = render(HtmlFixtures.model("en"));

    assertThat(html)
        .contains("arn:aws:sts::123456789012:assumed-role/lcscan/test")
        .contains("scan-0001")
        .contains("2026-11-25T23:50:00Z")
        .contains("2026-11-25T23:55:00Z")
        .contains("lcscan 0.1.0")
        .contains("2026.11.0 <code>ab12cd34ef56</code>")
        .contains("data-complete=\"false\"")
        .contains(
            "<tr class=\"gap\"><td>aws</td><td>123456789012</td><td>us-east-1</td><td>aws.kms.key</td><td>kms</td><td>ACCESS_DENIED</td><td>kms:ListKeys AccessDenied</td></tr>");

    String complete = render(HtmlFixtures.complete("ja"));
    assertThat(complete).contains("data-complete=\"true\"").doesNotContain("class=\"gap\"");
    assertThat(complete).contains("カバレッジ: 完全").contains("Coverage: complete");
  }

  @Test
  void lifecycleFrameworksControlsChecklistAndWaivers() throws IOException {
    String html = render(HtmlFixtures.model("ja"));

    for (Phase phase : Phase.values()) {
      assertThat(html).contains("id=\"phase-" + phase.name() + "\"").contains(phase.japanese());
    }
    // an unverified clause is marked wherever it is shown
    assertThat(html).containsPattern("5\\.2\\.4<span class=\"dagger\">†</span>");
    assertThat(html)
        .contains("id=\"fw-unified-standards-2021\"")
        .contains("id=\"fw-iso27017\"")
        .contains("id=\"fw-ismap\"");
    assertThat(html).contains("5.2.4<span class=\"dagger\" title=\"unverified / 未検証\">†</span>");
    // a page per control, rationale and remediation in both languages
    assertThat(html)
        .contains("id=\"ctl-LC-BUILD-01\"")
        .contains("Turn on default encryption.")
        .contains("既定の暗号化を有効にする。")
        .contains("Unencrypted data is readable.")
        .contains("暗号化されていないデータは読める。");
    // the auditor checklist lists what to attach
    assertThat(html)
        .contains("<div class=\"check\" data-control=\"LC-DISP-09\">")
        .contains("the provider&#39;s sanitisation attestation")
        .contains("事業者の消去証明書");
    // applied and lapsed waivers
    assertThat(html)
        .contains("WVR-7")
        .contains("ciso@example.go.jp")
        .contains("SEC-1234")
        .contains("2027-03-31");
    assertThat(html).contains("id=\"lapsed\"");
    assertThat(html.substring(html.indexOf("id=\"lapsed\""))).contains("WVR-3");
  }

  @Test
  void bilingualWithTheModelsLanguageAsDefault() throws IOException {
    assertThat(render(HtmlFixtures.model("ja"))).contains("<html lang=\"ja\">");
    String html = render(HtmlFixtures.model("en"));
    assertThat(html).contains("<html lang=\"en\">");
    assertThat(html)
        .contains(
            "<span class=\"l-en\" lang=\"en\">Findings</span><span class=\"l-ja\" lang=\"ja\">検出事項</span>")
        .contains("data-lang=\"ja\"")
        .contains("data-lang=\"en\"");
    // every label macro gives both languages
    int en = count(html, "<span class=\"l-en\" lang=\"en\">");
    int ja = count(html, "<span class=\"l-ja\" lang=\"ja\">");
    assertThat(en).isEqualTo(ja).isGreaterThan(50);
  }

  @Test
  void contentSecurityPolicyHashesTheInlineBlocks() throws IOException {
    String html = render(HtmlFixtures.model("en"));

    Matcher csp = CSP.matcher(html);
    assertThat(csp.find()).isTrue();
    String policy = csp.group(1);
    assertThat(policy).startsWith("default-src 'none'; ").doesNotContain("unsafe");

    List<String> styles = all(STYLE, html);
    List<String> scripts = all(SCRIPT, html);
    assertThat(styles).hasSize(1);
    assertThat(scripts).hasSize(1);
    assertThat(policy)
        .contains("script-src '" + HtmlRenderer.sha256(scripts.get(0)) + "';")
        .contains("style-src '" + HtmlRenderer.sha256(styles.get(0)) + "';")
        .contains("img-src data:");
    // the policy comes before anything it governs
    assertThat(html.indexOf("Content-Security-Policy")).isLessThan(html.indexOf("<style>"));
    // nothing the hashes would not cover: no style or event attributes
    assertThat(html)
        .doesNotContainPattern("\\sstyle\\s*=")
        .doesNotContainPattern("\\son[a-z]+\\s*=\\s*\"");
    assertThat(count(html, "<script")).isEqualTo(2);
  }

  @Test
  void noExternalReferences() throws IOException {
    String html = render(HtmlFixtures.model("en"));

    String markup = DATA.matcher(html).replaceAll("");
    assertThat(markup).doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn");
    assertThat(markup)
        .doesNotContain("url(")
        .doesNotContain("@import")
        .doesNotContain("<link")
        .doesNotContain("<img");
    Matcher urls = URL_ATTRIBUTE.matcher(markup);
    while (urls.find()) {
      assertThat(urls.group(2)).as(urls.group()).startsWith("#");
    }
  }

  @Test
  void theScriptNeverWritesMarkup() throws IOException {
    String js;
    try (InputStream in =
        HtmlRenderer.class.getResourceAsStream("/io/lcscan/report/html/report.js")) {
      js = new String(in.readAllBytes(), UTF_8);
    }
    assertThat(js)
        .doesNotContain("innerHTML")
        .doesNotContain("outerHTML")
        .doesNotContain("insertAdjacentHTML")
        .doesNotContain("document.write")
        .doesNotContain("eval(")
        .doesNotContain("new Function")
        .doesNotContain("</script")
        .contains("textContent");
  }

  @Test
  void hostileTextStaysText() throws IOException {
    ReportModel model = HtmlFixtures.hostile("en");
    String html = render(model);

    // only our two script elements, and both closed where we closed them
    assertThat(count(html, "<script")).isEqualTo(2);
    assertThat(count(html, "</script")).isEqualTo(2);
    assertThat(html)
        .doesNotContain("<img")
        .doesNotContain("<svg onload")
        .doesNotContain("<!--<script")
        .doesNotContainPattern("<[a-zA-Z][^<>]*\\son[a-z]+\\s*=");
    // U+2028/2029 are harmless in markup text, but never raw inside a script element
    for (String script :
        all(Pattern.compile("<script[^>]*>(.*?)</script>", Pattern.DOTALL), html)) {
      assertThat(script).doesNotContain("\u2028").doesNotContain("\u2029");
    }
    // the markup shows the corpus escaped (gaps, metadata, waivers are rendered by the template)
    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
        .contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    // javascript: and https: URLs are inert text, never a link target
    Matcher urls = URL_ATTRIBUTE.matcher(DATA.matcher(html).replaceAll(""));
    while (urls.find()) {
      assertThat(urls.group(2)).as(urls.group()).startsWith("#").doesNotContain("javascript:");
    }

    // the data block cannot be broken out of, and still carries every string intact
    Matcher data = DATA.matcher(html);
    assertThat(data.find()).isTrue();
    String block = data.group(1);
    assertThat(block).doesNotContain("<").doesNotContain(">").doesNotContain("&");
    assertThat(block).contains("\\u003C/script\\u003E").contains("\\u2028").contains("\\u2029");
    JsonNode tree = new ObjectMapper().readTree(block);
    List<String> names = new ArrayList<>();
    tree.path("f").forEach(f -> names.add(tree.path("res").get(f.get(4).asInt()).get(5).asText()));
    assertThat(names).containsExactlyInAnyOrderElementsOf(HtmlFixtures.XSS);
    List<String> evidenceKeys = new ArrayList<>();
    tree.path("f")
        .forEach(
            f ->
                tree.path("ev")
                    .get(f.get(6).asInt())
                    .fieldNames()
                    .forEachRemaining(evidenceKeys::add));
    assertThat(evidenceKeys).containsAll(HtmlFixtures.XSS);
    List<String> messages = new ArrayList<>();
    tree.path("f").forEach(f -> messages.add(tree.path("msg").get(f.get(5).asInt()).asText()));
    assertThat(messages).allMatch(m -> m.startsWith("tag owner="));
    tree.path("waivers").forEach(w -> assertThat(HtmlFixtures.XSS).contains(w.get(0).asText()));
  }

  @Test
  void theDataBlockDecodesToEveryFindingInReportOrder() throws IOException {
    ReportModel model = HtmlFixtures.model("en");
    JsonNode data = data(render(model));
    List<Finding> findings = model.findings();
    JsonNode rows = data.path("f");
    assertThat(rows).hasSize(findings.size());
    for (int i = 0; i < findings.size(); i++) {
      Finding finding = findings.get(i);
      JsonNode row = rows.get(i);
      JsonNode resource = data.path("res").get(row.get(4).asInt());
      assertThat(dict(data, "control", row.get(0))).isEqualTo(text(finding.controlId()));
      assertThat(dict(data, "status", row.get(1))).isEqualTo(finding.status().name());
      assertThat(dict(data, "provider", resource.get(0))).isEqualTo(text(finding.provider()));
      assertThat(dict(data, "account", resource.get(1))).isEqualTo(text(finding.account()));
      assertThat(dict(data, "region", resource.get(2))).isEqualTo(text(finding.region()));
      assertThat(dict(data, "type", resource.get(3))).isEqualTo(text(finding.resourceType()));
      assertThat(resource.get(4).asText()).isEqualTo(text(finding.resourceId()));
      assertThat(resource.get(5).asText()).isEqualTo(text(finding.resourceName()));
      assertThat(data.path("msg").get(row.get(5).asInt()).asText())
          .isEqualTo(text(finding.message()));
      if (finding.evidence().isEmpty()) {
        assertThat(row.get(6).asInt()).isEqualTo(-1);
      } else {
        JsonNode evidence = data.path("ev").get(row.get(6).asInt());
        finding
            .evidence()
            .forEach((path, value) -> assertThat(evidence.get(path)).isEqualTo(value));
        assertThat(evidence.size()).isEqualTo(finding.evidence().size());
      }
      if (finding.waiver() == null) {
        assertThat(row.get(7).asInt()).isEqualTo(-1);
      } else {
        JsonNode waiver = data.path("waivers").get(row.get(7).asInt());
        assertThat(waiver.get(0).asText()).isEqualTo(finding.waiver().id());
        assertThat(waiver.get(4).asBoolean()).isEqualTo(finding.waiver().lapsed());
      }
    }
    // resources are shared: one entry per distinct resource, not per finding
    long distinct =
        findings.stream()
            .map(
                f ->
                    List.of(
                        text(f.provider()),
                        text(f.account()),
                        text(f.region()),
                        text(f.resourceType()),
                        text(f.resourceId()),
                        text(f.resourceName()),
                        text(f.classification())))
            .distinct()
            .count();
    assertThat(data.path("res").size()).isEqualTo((int) distinct);
  }

  @Test
  void theScriptMarksWhenItIsReady() throws IOException {
    String html = render(HtmlFixtures.model("en"));
    assertThat(all(SCRIPT, html).get(0))
        .contains("setAttribute('data-ready', '1')")
        .contains("mark('lc-ready')");
  }

  private static String dict(JsonNode data, String field, JsonNode index) {
    JsonNode value = data.path("dict").path(field).get(index.asInt());
    return value == null ? "" : value.asText();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  @Test
  void deterministic() throws IOException {
    assertThat(render(HtmlFixtures.model("ja"))).isEqualTo(render(HtmlFixtures.model("ja")));
  }

  @Test
  void aControlMissingFromTheCatalogStillRenders() throws IOException {
    ReportModel small = ReportFixtures.model("en");
    List<Finding> findings = new ArrayList<>(small.result().findings());
    findings.add(
        new Finding(
            "LC-GONE-01",
            Status.FAIL,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Map.of(),
            null));
    ReportModel model =
        ReportModel.of(
            new io.lcscan.engine.ScanResult(
                small.result().metadata(),
                findings,
                small.result().gaps(),
                false,
                "2026.11.0",
                "ab12cd34ef56",
                small.result().evaluatedAt()),
            small.catalog(),
            "en");
    assertThat(data(render(model)).path("dict").path("control").toString()).contains("LC-GONE-01");
  }

  @Test
  void hundredThousandFindings() throws IOException {
    ReportModel model = HtmlFixtures.large(100_000);
    long start = System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 << 20);
    renderer.render(model, out);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "html report with 100000 findings: %d bytes (%.1f MiB), rendered in %d ms%n",
        out.size(), out.size() / 1048576.0, millis);

    String html = out.toString(UTF_8);
    // the rows are rendered page by page from the data, never as 100k elements of markup
    assertThat(count(html, "<tr")).isLessThan(200);
    JsonNode data = data(html);
    assertThat(data.path("f")).hasSize(100_000);
    // every resource, message and evidence object is written once, however many findings share it
    assertThat(data.path("res")).hasSize(100_000);
    assertThat(data.path("msg")).hasSize(2);
    assertThat(data.path("ev")).hasSize(2);
    assertThat(bar(html, "status-FAIL"))
        .isEqualTo(model.result().countsByStatus().get(Status.FAIL));
    assertThat(out.size()).isLessThan(64 << 20);
  }

  private String render(ReportModel model) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    renderer.render(model, out);
    return out.toString(UTF_8);
  }

  private static long bar(String html, String key) {
    Matcher matcher =
        Pattern.compile("data-key=\"" + Pattern.quote(key) + "\" data-count=\"(\\d+)\"")
            .matcher(html);
    assertThat(matcher.find()).as(key).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private static JsonNode data(String html) throws IOException {
    Matcher matcher = DATA.matcher(html);
    assertThat(matcher.find()).isTrue();
    return new ObjectMapper().readTree(matcher.group(1));
  }

  private static List<String> all(Pattern pattern, String html) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(html);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      count++;
    }
    return count;
  }
}
