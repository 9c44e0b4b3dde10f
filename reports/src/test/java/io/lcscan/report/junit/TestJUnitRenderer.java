package io.lcscan.report.junit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.ReportFixtures;
import io.lcscan.report.ReportModel;
import io.lcscan.report.RichFixtures;
import io.lcscan.spi.Classification;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Phase;
import io.lcscan.spi.Severity;
import io.lcscan.spi.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TestJUnitRenderer {

  private static final String GOLDEN = "golden-small.xml";

  private final JUnitRenderer renderer = new JUnitRenderer();

  @Test
  void matchesGoldenFile() throws IOException {
    String actual = render(ReportFixtures.modelWithEveryStatus("en"));

    // -Dlc.updateGolden=true rewrites the golden file after an intended change
    if (Boolean.getBoolean("lc.updateGolden")) {
      Files.writeString(
          Path.of("src/test/resources/io/lcscan/report/junit", GOLDEN), actual, UTF_8);
    }
    assertThat(actual).isEqualTo(golden());
  }

  @Test
  void oneSuitePerControlAndOneCasePerResource() throws Exception {
    Document xml = parse(render(ReportFixtures.modelWithEveryStatus("en")));

    Element root = xml.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    // 7 findings and 1 coverage gap
    assertThat(root.getAttribute("tests")).isEqualTo("8");
    assertThat(root.getAttribute("failures")).isEqualTo("2");
    assertThat(root.getAttribute("errors")).isEqualTo("2");
    assertThat(root.getAttribute("skipped")).isEqualTo("3");
    NodeList suites = root.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(3);
    Element encryption = (Element) suites.item(0);
    assertThat(encryption.getAttribute("name"))
        .isEqualTo("LC-BUILD-01 Encryption at rest is on by default");
    assertThat(encryption.getAttribute("tests")).isEqualTo("4");
    assertThat(encryption.getElementsByTagName("failure").getLength()).isEqualTo(1);
    assertThat(encryption.getElementsByTagName("error").getLength()).isEqualTo(1);
    Element skipped = (Element) encryption.getElementsByTagName("skipped").item(0);
    assertThat(skipped.getAttribute("message")).startsWith("waived: waiver WVR-7 until 2027-03-31");
    Element failure = (Element) encryption.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("high");
    assertThat(failure.getTextContent())
        .contains("encryption.enabled=false", "remediation: Turn on default encryption.");
    assertThat(((Element) suites.item(2)).getAttribute("name")).isEqualTo("coverage");
  }

  @Test
  void skippedSaysWhy() throws Exception {
    Document xml = parse(render(ReportFixtures.modelWithEveryStatus("en")));

    NodeList skipped = xml.getElementsByTagName("skipped");
    List<String> messages =
        java.util.stream.IntStream.range(0, skipped.getLength())
            .mapToObj(i -> ((Element) skipped.item(i)).getAttribute("message"))
            .toList();
    assertThat(messages)
        .anyMatch(m -> m.startsWith("not applicable: AWS-managed key"))
        .anyMatch(m -> m.startsWith("manual: manual check: attach the key destruction record"))
        .anyMatch(m -> m.startsWith("waived: "));
  }

  @Test
  void remediationInTheReportLanguage() throws Exception {
    Document xml = parse(render(ReportFixtures.modelWithEveryStatus("ja")));

    assertThat(xml.getElementsByTagName("failure").item(0).getTextContent())
        .contains("是正: 既定の暗号化を有効にする。");
    assertThat(((Element) xml.getElementsByTagName("testsuite").item(0)).getAttribute("name"))
        .isEqualTo("LC-BUILD-01 保存データが既定で暗号化されている");
  }

  @Test
  void hostileNamesAreEscaped() throws Exception {
    String hostile = "b[\"</testcase><x a='1'>&amp;]]>\"]";

    Document xml = parse(render(model(hostile)));

    Element testCase = (Element) xml.getElementsByTagName("testcase").item(0);
    assertThat(testCase.getAttribute("name")).isEqualTo(hostile);
    Element failure = (Element) testCase.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("tags.name=" + hostile + "\nsecond line");
    assertThat(failure.getTextContent()).contains("resource: " + hostile);
  }

  @Test
  void controlCharactersBecomeVisibleEscapes() throws Exception {
    String hostile = "b\u0000\u001b[31mred\u0007\u009b\ud800\uffff\ttab";

    String text = render(model(hostile));
    Document xml = parse(text);

    Element testCase = (Element) xml.getElementsByTagName("testcase").item(0);
    assertThat(testCase.getAttribute("name"))
        .isEqualTo("b\\u0000\\u001B[31mred\\u0007\\u009B\\uD800\\uFFFF\ttab");
    assertThat(text).doesNotContain("\u001b").doesNotContain("\u0000");
  }

  @Test
  void deterministic() throws IOException {
    assertThat(render(ReportFixtures.modelWithEveryStatus("en")))
        .isEqualTo(render(ReportFixtures.modelWithEveryStatus("en")));
  }

  @Test
  void sameBytesAsWithJsonNodeToString() throws IOException {
    LegacyJUnitRenderer legacy = new LegacyJUnitRenderer();
    for (String language : List.of("en", "ja")) {
      ReportModel model = withoutEvidence(RichFixtures.model(language), "x.pojo-time");
      String expected = legacy.text(model);

      assertThat(renderer.text(model)).isEqualTo(expected);
      assertThat(expected).contains("b.decimal=1.50", "o.nested={\"zeta\":1", "<skipped");
    }
    for (ReportModel model :
        List.of(ReportFixtures.model("en"), ReportFixtures.modelWithEveryStatus("ja"))) {
      assertThat(renderer.text(model)).isEqualTo(legacy.text(model));
    }
  }

  @Test
  void evidenceToStringCannotWriteFailsAsBefore() {
    ReportModel model = RichFixtures.model("en");

    Throwable expected = catchThrowable(() -> new LegacyJUnitRenderer().text(model));
    assertThat(expected).isNotNull();
    assertThatThrownBy(() -> renderer.text(model)).isInstanceOf(expected.getClass());
  }

  private static ReportModel withoutEvidence(ReportModel model, String key) {
    List<Finding> findings = new ArrayList<>();
    for (Finding f : model.result().findings()) {
      Map<String, JsonNode> evidence = f.evidence();
      if (evidence != null && evidence.containsKey(key)) {
        evidence = new HashMap<>(evidence);
        evidence.remove(key);
      }
      findings.add(
          new Finding(
              f.controlId(),
              f.status(),
              f.severity(),
              f.phase(),
              f.provider(),
              f.account(),
              f.region(),
              f.resourceType(),
              f.resourceId(),
              f.resourceName(),
              f.classification(),
              f.message(),
              evidence,
              f.waiver()));
    }
    ScanResult r = model.result();
    return ReportModel.of(
            new ScanResult(
                r.metadata(),
                findings,
                r.gaps(),
                r.complete(),
                r.catalogVersion(),
                r.catalogDigest(),
                r.evaluatedAt()),
            model.catalog(),
            model.language())
        .withLocations(model.locations());
  }

  private static ReportModel model(String hostile) {
    ScanResult small = ReportFixtures.result();
    Finding finding =
        new Finding(
            "LC-BUILD-01",
            Status.FAIL,
            Severity.HIGH,
            Phase.BUILD,
            "aws",
            "123456789012",
            "ap-northeast-1",
            "aws.s3.bucket",
            hostile,
            hostile,
            Classification.C2,
            "tags.name=" + hostile + "\nsecond line",
            Map.of(),
            null);
    ScanResult result =
        new ScanResult(
            small.metadata(),
            List.of(finding),
            List.of(),
            true,
            small.catalogVersion(),
            small.catalogDigest(),
            small.evaluatedAt());
    return ReportModel.of(result, ReportFixtures.catalog(), "en");
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(UTF_8)));
  }

  private String render(ReportModel model) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    renderer.render(model, out);
    return out.toString(UTF_8);
  }

  private static String golden() throws IOException {
    try (InputStream in = TestJUnitRenderer.class.getResourceAsStream(GOLDEN)) {
      assertThat(in).as("golden file " + GOLDEN).isNotNull();
      return new String(in.readAllBytes(), UTF_8);
    }
  }
}
