package io.lcscan.report.junit;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.catalog.ClauseRef;
import io.lcscan.catalog.Control;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.Renderer;
import io.lcscan.report.ReportModel;
import io.lcscan.report.json.ReportJson;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Finding;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JUnit XML, which every CI system shows as test results: one {@code <testsuite>} per control that
 * has findings, one {@code <testcase>} per resource it judged.
 *
 * <ul>
 *   <li>PASS: an empty test case.
 *   <li>FAIL: {@code <failure>}, typed by severity, with the message, the evidence and the
 *       remediation.
 *   <li>ERROR: {@code <error>}: the control could not be evaluated (missing data is never a pass).
 *   <li>NOT_APPLICABLE, WAIVED, MANUAL: {@code <skipped>} with a message saying which and why.
 * </ul>
 *
 * <p>Coverage gaps make one more suite, {@code coverage}, with an error per gap, so an incomplete
 * scan never looks green. Findings come in the model's order and attributes in a fixed order, so
 * the same model gives the same bytes.
 */
public final class JUnitRenderer implements Renderer {

  // JUnit's schema wants a timestamp without a zone; lcscan's times are UTC. Parsed when a report
  // is first written, not when the renderer is made.
  private static final class Timestamps {
    static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  }

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
    // not closed: the caller owns the stream
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, UTF_8), 1 << 16);
    write(model, writer);
    writer.flush();
  }

  public String text(ReportModel model) {
    StringWriter text = new StringWriter();
    try {
      write(model, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  // Counts first, as the root element carries the totals; then each suite is built and written in
  // turn rather than the whole document held as strings and copied several times over.
  private static void write(ReportModel model, Writer out) throws IOException {
    ScanResult result = model.result();
    String timestamp =
        result.evaluatedAt() == null ? null : Timestamps.FORMAT.format(result.evaluatedAt());
    Map<String, List<Finding>> byControl = new LinkedHashMap<>();
    for (Finding finding : model.findings()) {
      List<Finding> findings = byControl.get(finding.controlId());
      if (findings == null) {
        findings = new ArrayList<>();
        byControl.put(finding.controlId(), findings);
      }
      findings.add(finding);
    }

    List<Counts> suiteCounts = new ArrayList<>();
    Counts total = new Counts();
    for (List<Finding> findings : byControl.values()) {
      Counts counts = Counts.of(findings);
      total.add(counts);
      suiteCounts.add(counts);
    }
    if (!result.gaps().isEmpty()) {
      Counts counts = new Counts();
      counts.tests = result.gaps().size();
      counts.errors = result.gaps().size();
      total.add(counts);
    }

    StringBuilder xml = new StringBuilder(1 << 16);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuites name=\"lcscan\"");
    total.appendTo(xml);
    xml.append(">\n");
    out.append(xml);
    int suite = 0;
    for (Map.Entry<String, List<Finding>> entry : byControl.entrySet()) {
      xml.setLength(0);
      suite(xml, model, entry.getKey(), entry.getValue(), suiteCounts.get(suite++), timestamp);
      out.append(xml);
    }
    if (!result.gaps().isEmpty()) {
      out.write(coverageSuite(result.gaps(), timestamp));
    }
    out.write("</testsuites>\n");
  }

  private static void suite(
      StringBuilder xml,
      ReportModel model,
      String controlId,
      List<Finding> findings,
      Counts counts,
      String timestamp) {
    Control control = model.control(controlId).orElse(null);
    String title = model.title(controlId);
    xml.append("  <testsuite name=\"")
        .append(Xml.attribute(title.isEmpty() ? controlId : controlId + " " + title))
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
      StringBuilder clauses = new StringBuilder();
      for (ClauseRef clause : control.clauses()) {
        if (!clauses.isEmpty()) {
          clauses.append(", ");
        }
        clauses.append(clauseLabel(clause));
      }
      property(xml, "clauses", clauses.toString());
      xml.append("    </properties>\n");
    }
    for (Finding finding : findings) {
      testCase(xml, model, control, finding);
    }
    xml.append("  </testsuite>\n");
  }

  private static void testCase(
      StringBuilder xml, ReportModel model, Control control, Finding finding) {
    xml.append("    <testcase classname=\"")
        .append(Xml.attribute(finding.controlId()))
        .append("\" name=\"")
        .append(Xml.attribute(subject(finding)))
        .append("\" time=\"0\"");
    String message = finding.message() == null ? "" : finding.message();
    String severity = finding.severity() == null ? "" : finding.severity().label();
    switch (finding.status()) {
      case PASS -> xml.append("/>\n");
      case FAIL -> {
        xml.append(">\n      <failure message=\"")
            .append(Xml.attribute(message))
            .append("\" type=\"")
            .append(Xml.attribute(severity))
            .append("\">")
            .append(Xml.text(details(model, control, finding)))
            .append("</failure>\n    </testcase>\n");
      }
      case ERROR -> {
        xml.append(">\n      <error message=\"")
            .append(Xml.attribute("could not be evaluated: " + message))
            .append("\" type=\"ERROR\">")
            .append(Xml.text(details(model, control, finding)))
            .append("</error>\n    </testcase>\n");
      }
      case NOT_APPLICABLE -> skipped(xml, "not applicable: " + message);
      case WAIVED -> skipped(xml, "waived: " + waiver(finding.waiver()) + ": " + message);
      case MANUAL -> skipped(xml, "manual: " + message);
    }
  }

  private static void skipped(StringBuilder xml, String message) {
    xml.append(">\n      <skipped message=\"")
        .append(Xml.attribute(message))
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
          .append(Xml.attribute(name))
          .append("\" time=\"0\">\n      <error message=\"")
          .append(Xml.attribute(message))
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
        // JsonNode.toString's text without the databind serializers it sets up
        entries.add(entry.getKey() + "=" + ReportJson.compact(entry.getValue()));
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
        .append(Xml.attribute(name))
        .append("\" value=\"")
        .append(Xml.attribute(value))
        .append("\"/>\n");
  }

  private static String clauseLabel(ClauseRef clause) {
    return clause.framework() + " " + clause.ref() + (clause.verified() ? "" : "†");
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
