package io.lcscan.report.junit;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.catalog.ClauseRef;
import io.lcscan.catalog.Control;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.Renderer;
import io.lcscan.report.ReportModel;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The JUnit renderer as it was, writing evidence with {@code JsonNode.toString}: the oracle that
 * {@link TestJUnitRenderer} holds the renderer to, byte for byte.
 */
final class LegacyJUnitRenderer implements Renderer {

  // JUnit's schema wants a timestamp without a zone; lcscan's times are UTC
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  @Override
  public String format() {
    return "junit";
  }

  @Override
  public String extension() {
    return "xml";
  }

  @Override
  public void render(ReportModel model, OutputStream out) throws IOException {
    out.write(text(model).getBytes(UTF_8));
    out.flush();
  }

  public String text(ReportModel model) {
    ScanResult result = model.result();
    String timestamp = result.evaluatedAt() == null ? null : TIMESTAMP.format(result.evaluatedAt());
    Map<String, List<Finding>> byControl = new LinkedHashMap<>();
    for (Finding finding : model.findings()) {
      byControl.computeIfAbsent(finding.controlId(), id -> new ArrayList<>()).add(finding);
    }

    List<String> suites = new ArrayList<>();
    Counts total = new Counts();
    for (Map.Entry<String, List<Finding>> entry : byControl.entrySet()) {
      Counts counts = Counts.of(entry.getValue());
      total.add(counts);
      suites.add(suite(model, entry.getKey(), entry.getValue(), counts, timestamp));
    }
    if (!result.gaps().isEmpty()) {
      Counts counts = new Counts();
      counts.tests = result.gaps().size();
      counts.errors = result.gaps().size();
      total.add(counts);
      suites.add(coverageSuite(result.gaps(), timestamp));
    }

    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuites name=\"lcscan\"");
    total.appendTo(xml);
    xml.append(">\n");
    suites.forEach(xml::append);
    xml.append("</testsuites>\n");
    return xml.toString();
  }

  private static String suite(
      ReportModel model,
      String controlId,
      List<Finding> findings,
      Counts counts,
      String timestamp) {
    Control control = model.control(controlId).orElse(null);
    String title = model.title(controlId);
    StringBuilder xml = new StringBuilder();
    xml.append("  <testsuite name=\"")
        .append(LegacyXml.attribute(title.isEmpty() ? controlId : controlId + " " + title))
        .append('"');
    counts.appendTo(xml);
    if (timestamp != null) {
      xml.append(" timestamp=\"").append(timestamp).append('"');
    }
    xml.append(">\n");
    if (control != null) {
      xml.append("    <properties>\n");
      property(xml, "control", control.id());
      if (control.phase() != null) {
        property(xml, "phase", control.phase().name());
      }
      if (control.severity() != null) {
        property(xml, "severity", control.severity().label());
      }
      property(
          xml,
          "clauses",
          control.clauses().stream().map(LegacyJUnitRenderer::clauseLabel).collect(joining()));
      xml.append("    </properties>\n");
    }
    for (Finding finding : findings) {
      testCase(xml, model, control, finding);
    }
    xml.append("  </testsuite>\n");
    return xml.toString();
  }

  private static void testCase(
      StringBuilder xml, ReportModel model, Control control, Finding finding) {
    xml.append("    <testcase classname=\"")
        .append(LegacyXml.attribute(finding.controlId()))
        .append("\" name=\"")
        .append(LegacyXml.attribute(subject(finding)))
        .append("\" time=\"0\"");
    String message = finding.message() == null ? "" : finding.message();
    String severity = finding.severity() == null ? "" : finding.severity().label();
    switch (finding.status()) {
      case PASS -> xml.append("/>\n");
      case FAIL -> {
        xml.append(">\n      <failure message=\"")
            .append(LegacyXml.attribute(message))
            .append("\" type=\"")
            .append(LegacyXml.attribute(severity))
            .append("\">")
            .append(LegacyXml.text(details(model, control, finding)))
            .append("</failure>\n    </testcase>\n");
      }
      case ERROR -> {
        xml.append(">\n      <error message=\"")
            .append(LegacyXml.attribute("could not be evaluated: " + message))
            .append("\" type=\"ERROR\">")
            .append(LegacyXml.text(details(model, control, finding)))
            .append("</error>\n    </testcase>\n");
      }
      case NOT_APPLICABLE -> skipped(xml, "not applicable: " + message);
      case WAIVED -> skipped(xml, "waived: " + waiver(finding.waiver()) + ": " + message);
      case MANUAL -> skipped(xml, "manual: " + message);
    }
  }

  private static void skipped(StringBuilder xml, String message) {
    xml.append(">\n      <skipped message=\"")
        .append(LegacyXml.attribute(message))
        .append("\"/>\n    </testcase>\n");
  }

  private static String coverageSuite(List<CoverageGap> gaps, String timestamp) {
    StringBuilder xml = new StringBuilder();
    xml.append("  <testsuite name=\"coverage\"");
    Counts counts = new Counts();
    counts.tests = gaps.size();
    counts.errors = gaps.size();
    counts.appendTo(xml);
    if (timestamp != null) {
      xml.append(" timestamp=\"").append(timestamp).append('"');
    }
    xml.append(">\n");
    List<CoverageGap> sorted =
        gaps.stream()
            .sorted(
                Comparator.comparing(CoverageGap::provider)
                    .thenComparing(CoverageGap::account)
                    .thenComparing(CoverageGap::region)
                    .thenComparing(CoverageGap::resourceType)
                    .thenComparing(gap -> gap.reason().name())
                    .thenComparing(gap -> gap.detail() == null ? "" : gap.detail()))
            .toList();
    for (CoverageGap gap : sorted) {
      String name =
          gap.provider()
              + " "
              + (gap.account().isEmpty() ? "*" : gap.account())
              + " "
              + gap.region()
              + " "
              + gap.resourceType();
      String message =
          gap.reason().name()
              + (gap.detail() == null ? "" : ": " + gap.detail())
              + "; findings of this type are ERROR";
      xml.append("    <testcase classname=\"coverage\" name=\"")
          .append(LegacyXml.attribute(name))
          .append("\" time=\"0\">\n      <error message=\"")
          .append(LegacyXml.attribute(message))
          .append("\" type=\"coverage-gap\"/>\n    </testcase>\n");
    }
    xml.append("  </testsuite>\n");
    return xml.toString();
  }

  // what a reader of the CI page needs without opening another report
  private static String details(ReportModel model, Control control, Finding finding) {
    StringBuilder text = new StringBuilder();
    text.append(finding.message() == null ? "" : finding.message()).append('\n');
    text.append("resource: ").append(subject(finding));
    List<String> where = new ArrayList<>();
    for (String part :
        new String[] {
          finding.resourceType(), finding.provider(), finding.account(), finding.region()
        }) {
      if (part != null && !part.isEmpty()) {
        where.add(part);
      }
    }
    if (!where.isEmpty()) {
      text.append(" (").append(String.join(", ", where)).append(')');
    }
    text.append('\n');
    if (finding.evidence() != null && !finding.evidence().isEmpty()) {
      text.append("evidence: ");
      List<String> entries = new ArrayList<>();
      for (Map.Entry<String, JsonNode> entry : new TreeMap<>(finding.evidence()).entrySet()) {
        entries.add(entry.getKey() + "=" + entry.getValue());
      }
      text.append(String.join(", ", entries)).append('\n');
    }
    if (control != null && control.remediation() != null) {
      String remediation = control.remediation().get(model.language());
      if (remediation != null && !remediation.isBlank()) {
        text.append("ja".equals(model.language()) ? "是正: " : "remediation: ")
            .append(remediation.strip())
            .append('\n');
      }
    }
    return text.toString();
  }

  private static String subject(Finding finding) {
    if (finding.resourceId() != null) {
      return finding.resourceId();
    }
    return (finding.provider() == null ? "" : finding.provider() + " ")
        + "account "
        + (finding.account() == null || finding.account().isEmpty() ? "*" : finding.account());
  }

  private static String waiver(Finding.WaiverRef waiver) {
    if (waiver == null) {
      return "waiver";
    }
    return "waiver "
        + waiver.id()
        + (waiver.expires() == null ? "" : " until " + waiver.expires())
        + (waiver.ticket() == null ? "" : ", ticket " + waiver.ticket());
  }

  private static void property(StringBuilder xml, String name, String value) {
    xml.append("      <property name=\"")
        .append(LegacyXml.attribute(name))
        .append("\" value=\"")
        .append(LegacyXml.attribute(value))
        .append("\"/>\n");
  }

  private static String clauseLabel(ClauseRef clause) {
    return clause.framework() + " " + clause.ref() + (clause.verified() ? "" : "†");
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(", ");
  }

  /** The counts JUnit readers sum: every finding is a test; three statuses are skipped. */
  private static final class Counts {
    long tests;
    long failures;
    long errors;
    long skipped;

    static Counts of(List<Finding> findings) {
      Counts counts = new Counts();
      for (Finding finding : findings) {
        counts.tests++;
        switch (finding.status()) {
          case FAIL -> counts.failures++;
          case ERROR -> counts.errors++;
          case NOT_APPLICABLE, WAIVED, MANUAL -> counts.skipped++;
          case PASS -> {}
        }
      }
      return counts;
    }

    void add(Counts other) {
      tests += other.tests;
      failures += other.failures;
      errors += other.errors;
      skipped += other.skipped;
    }

    void appendTo(StringBuilder xml) {
      xml.append(" tests=\"")
          .append(tests)
          .append("\" failures=\"")
          .append(failures)
          .append("\" errors=\"")
          .append(errors)
          .append("\" skipped=\"")
          .append(skipped)
          .append("\" time=\"0\"");
    }
  }
}
