package io.lcscan.report.sarif;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.catalog.ClauseRef;
import io.lcscan.catalog.Control;
import io.lcscan.catalog.Localized;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.Renderer;
import io.lcscan.report.ReportModel;
import io.lcscan.report.ReportOrder;
import io.lcscan.report.SourceLocation;
import io.lcscan.report.ToolInfo;
import io.lcscan.report.json.ReportJson;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Finding;
import io.lcscan.spi.ScanMetadata;
import io.lcscan.spi.Severity;
import io.lcscan.spi.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * SARIF 2.1.0, for code-scanning UIs (GitHub, GitLab, Azure DevOps) and IDE viewers.
 *
 * <p>One run. {@code tool.driver.rules} holds every control of the catalog, sorted by id, with its
 * remediation in English and Japanese, its phase, severity and clauses (unverified ones marked †).
 * Results:
 *
 * <ul>
 *   <li>FAIL: {@code level} from the control's severity (critical and high → error, medium →
 *       warning, low → note).
 *   <li>ERROR: the same level as a FAIL would have, since missing data is never a pass; the message
 *       says it could not be evaluated and {@code properties.status} is {@code ERROR}.
 *   <li>WAIVED: the result as a FAIL would be, with a {@code suppressions} entry ({@code external},
 *       {@code accepted}) that names the waiver, so that UIs which honour suppressions hide it and
 *       the audit trail keeps it.
 *   <li>MANUAL: {@code kind: review} and {@code level: none}, as SARIF requires for a result that
 *       is not a failure: a person has to look, nothing failed.
 *   <li>PASS and NOT_APPLICABLE are left out; the JSON report has them.
 * </ul>
 *
 * <p>Each result names its resource in {@code logicalLocations} (kind {@code resource}, with the
 * module as a second entry) and, when the scan knows where the resource is defined (a Terraform
 * plan), in a {@code physicalLocation} pointing at that file and line. {@code partialFingerprints}
 * identify a finding across runs by control and resource. Coverage gaps are error notifications of
 * the invocation, whose {@code executionSuccessful} is false when the scan is incomplete.
 */
public final class SarifRenderer implements Renderer {

  public static final String SCHEMA_URI =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  static final String FINGERPRINT = "lcscanFinding/v1";

  private static final Set<Status> REPORTED =
      Set.of(Status.FAIL, Status.ERROR, Status.WAIVED, Status.MANUAL);

  // compiled once rather than by String.replaceAll and split on every control
  private static final Pattern PARENTHESES = Pattern.compile("\\([^)]*\\)");
  private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern MARKDOWN = Pattern.compile("([\\\\`*_\\[\\]<>#|])");

  // null: the build's version, read when a report is first written
  private final String toolVersion;

  public SarifRenderer() {
    this.toolVersion = null;
  }

  /** With a fixed tool version, so golden files do not change with every release. */
  public SarifRenderer(String toolVersion) {
    this.toolVersion = requireNonNull(toolVersion, "toolVersion is null");
  }

  @Override
  public String format() {
    return "sarif";
  }

  @Override
  public boolean usesSourceLocations() {
    return true;
  }

  // Written field by field with a streaming generator, in the order and with the bytes of the
  // databind tree this renderer once built; a test keeps that tree as its oracle.
  @Override
  public void render(ReportModel model, OutputStream out) throws IOException {
    try (JsonGenerator json = ReportJson.prettyGenerator(out)) {
      write(model, json);
    }
    out.write('\n');
    out.flush();
  }

  private void write(ReportModel model, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("$schema", SCHEMA_URI);
    json.writeStringField("version", "2.1.0");
    json.writeArrayFieldStart("runs");
    json.writeStartObject();

    List<Control> controls = model.catalog().controls();
    Map<String, Integer> ruleIndex = new HashMap<>();
    json.writeObjectFieldStart("tool");
    json.writeObjectFieldStart("driver");
    json.writeStringField("name", ToolInfo.NAME);
    json.writeStringField("version", toolVersion == null ? ToolInfo.version() : toolVersion);
    json.writeStringField("informationUri", ToolInfo.INFORMATION_URI);
    json.writeArrayFieldStart("rules");
    int rules = 0;
    for (Control control : sortedById(controls)) {
      ruleIndex.put(control.id(), rules++);
      rule(json, control);
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndObject();

    json.writeArrayFieldStart("invocations");
    invocation(json, model.result());
    json.writeEndArray();
    json.writeArrayFieldStart("results");
    String titleOf = null;
    String title = null;
    for (Finding finding : model.findings()) {
      if (REPORTED.contains(finding.status())) {
        // findings come grouped by control: look each title up once
        if (title == null || !Objects.equals(titleOf, finding.controlId())) {
          titleOf = finding.controlId();
          title = model.title(titleOf);
        }
        result(json, model, finding, title, ruleIndex);
      }
    }
    json.writeEndArray();
    json.writeFieldName("properties");
    runProperties(json, model);
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void rule(JsonGenerator json, Control control) throws IOException {
    json.writeStartObject();
    stringOrNull(json, "id", control.id());
    json.writeStringField("name", ruleName(control));
    json.writeObjectFieldStart("shortDescription");
    json.writeStringField("text", english(control.title()));
    json.writeEndObject();
    json.writeObjectFieldStart("fullDescription");
    json.writeStringField("text", english(control.rationale()));
    json.writeEndObject();
    json.writeObjectFieldStart("help");
    json.writeStringField("text", helpText(control));
    json.writeStringField("markdown", helpMarkdown(control));
    json.writeEndObject();
    if (control.severity() != null) {
      json.writeObjectFieldStart("defaultConfiguration");
      json.writeStringField("level", level(control.severity()));
      json.writeEndObject();
    }
    json.writeObjectFieldStart("properties");
    json.writeArrayFieldStart("tags");
    for (String tag : tags(control)) {
      stringOrNull(json, tag);
    }
    json.writeEndArray();
    if (control.phase() != null) {
      json.writeStringField("phase", control.phase().name());
      json.writeStringField("phaseJa", control.phase().japanese());
    }
    if (control.severity() != null) {
      json.writeStringField("severity", control.severity().label());
      // GitHub ranks security alerts by this CVSS-like score
      json.writeStringField("security-severity", securitySeverity(control.severity()));
    }
    json.writeStringField("titleJa", text(control.title(), "ja"));
    json.writeBooleanField("manual", control.manual());
    if (control.minClassification() != null) {
      json.writeStringField("minClassification", control.minClassification().name());
    }
    json.writeArrayFieldStart("clauses");
    for (ClauseRef clause : control.clauses()) {
      json.writeStartObject();
      stringOrNull(json, "framework", clause.framework());
      stringOrNull(json, "ref", clause.ref());
      json.writeBooleanField("verified", clause.verified());
      json.writeStringField("label", clauseLabel(clause));
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void invocation(JsonGenerator json, ScanResult result) throws IOException {
    json.writeStartObject();
    // an incomplete scan did not do all it was asked to: say so rather than look clean
    json.writeBooleanField("executionSuccessful", result.complete());
    ScanMetadata metadata = result.metadata();
    if (metadata != null && metadata.startedAt() != null) {
      json.writeStringField("startTimeUtc", metadata.startedAt().toString());
    }
    if (metadata != null && metadata.finishedAt() != null) {
      json.writeStringField("endTimeUtc", metadata.finishedAt().toString());
    }
    if (!result.gaps().isEmpty()) {
      json.writeArrayFieldStart("toolExecutionNotifications");
      for (CoverageGap gap : ReportOrder.sorted(result.gaps(), GAP_ORDER)) {
        json.writeStartObject();
        json.writeStringField("level", "error");
        json.writeObjectFieldStart("message");
        json.writeStringField(
            "text",
            "coverage gap: "
                + gap.provider()
                + " "
                + (gap.account().isEmpty() ? "*" : gap.account())
                + " "
                + gap.region()
                + " "
                + gap.resourceType()
                + ": "
                + gap.reason().name()
                + (gap.detail() == null ? "" : " (" + gap.detail() + ")")
                + "; findings of this type are ERROR");
        json.writeEndObject();
        json.writeObjectFieldStart("descriptor");
        json.writeStringField("id", "coverage-gap");
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static void result(
      JsonGenerator json,
      ReportModel model,
      Finding finding,
      String title,
      Map<String, Integer> ruleIndex)
      throws IOException {
    json.writeStartObject();
    stringOrNull(json, "ruleId", finding.controlId());
    Integer index = ruleIndex.get(finding.controlId());
    if (index != null) {
      json.writeNumberField("ruleIndex", index);
    }
    if (finding.status() == Status.MANUAL) {
      json.writeStringField("kind", "review");
      json.writeStringField("level", "none");
    } else {
      json.writeStringField("level", level(finding.severity()));
    }
    json.writeObjectFieldStart("message");
    json.writeStringField("text", message(title, finding));
    json.writeEndObject();
    json.writeArrayFieldStart("locations");
    location(json, model, finding);
    json.writeEndArray();
    json.writeObjectFieldStart("partialFingerprints");
    json.writeStringField(FINGERPRINT, fingerprint(finding));
    json.writeEndObject();
    if (finding.status() == Status.WAIVED) {
      json.writeArrayFieldStart("suppressions");
      json.writeStartObject();
      json.writeStringField("kind", "external");
      json.writeStringField("status", "accepted");
      json.writeStringField("justification", waiverText(finding.waiver()));
      json.writeEndObject();
      json.writeEndArray();
    }
    json.writeObjectFieldStart("properties");
    json.writeStringField("status", finding.status().name());
    if (finding.severity() != null) {
      json.writeStringField("severity", finding.severity().label());
    }
    stringIfPresent(json, "provider", finding.provider());
    stringIfPresent(json, "account", finding.account());
    stringIfPresent(json, "region", finding.region());
    stringIfPresent(json, "resourceType", finding.resourceType());
    stringIfPresent(json, "resourceName", finding.resourceName());
    if (finding.classification() != null) {
      json.writeStringField("classification", finding.classification().name());
    }
    if (finding.evidence() != null && !finding.evidence().isEmpty()) {
      json.writeObjectFieldStart("evidence");
      for (Map.Entry<String, JsonNode> entry : new TreeMap<>(finding.evidence()).entrySet()) {
        json.writeFieldName(entry.getKey());
        ReportJson.writeNode(json, entry.getValue(), false);
      }
      json.writeEndObject();
    }
    if (finding.waiver() != null) {
      json.writeFieldName("waiver");
      ReportJson.writeWaiver(json, finding.waiver());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void location(JsonGenerator json, ReportModel model, Finding finding)
      throws IOException {
    json.writeStartObject();
    SourceLocation source = model.location(finding.resourceId()).orElse(null);
    if (source != null) {
      json.writeObjectFieldStart("physicalLocation");
      json.writeObjectFieldStart("artifactLocation");
      json.writeStringField("uri", source.uri());
      json.writeEndObject();
      if (source.startLine() > 0) {
        json.writeObjectFieldStart("region");
        json.writeNumberField("startLine", source.startLine());
        if (source.startColumn() > 0) {
          json.writeNumberField("startColumn", source.startColumn());
        }
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    json.writeArrayFieldStart("logicalLocations");
    if (finding.resourceId() != null) {
      json.writeStartObject();
      if (finding.resourceName() != null) {
        json.writeStringField("name", finding.resourceName());
      }
      json.writeStringField("fullyQualifiedName", finding.resourceId());
      json.writeStringField("kind", "resource");
      json.writeEndObject();
    } else {
      // per-account findings (manual controls, account-wide checks) have no resource
      json.writeStartObject();
      json.writeStringField("fullyQualifiedName", accountName(finding));
      json.writeStringField("kind", "namespace");
      json.writeEndObject();
    }
    if (source != null && !source.module().isEmpty()) {
      json.writeStartObject();
      json.writeStringField("fullyQualifiedName", source.module());
      json.writeStringField("kind", "module");
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static String message(String title, Finding finding) {
    String subject = finding.resourceId() != null ? finding.resourceId() : accountName(finding);
    String detail = finding.message() == null ? "" : finding.message();
    String text =
        switch (finding.status()) {
          case ERROR -> "could not be evaluated, so it is not a pass: " + detail;
          case WAIVED -> detail + " (waived: " + waiverText(finding.waiver()) + ")";
          default -> detail;
        };
    return (title.isEmpty() ? finding.controlId() : title) + " — " + subject + ": " + text;
  }

  private static String waiverText(Finding.WaiverRef waiver) {
    if (waiver == null) {
      return "waiver";
    }
    StringBuilder text = new StringBuilder("waiver ").append(waiver.id());
    List<String> details = new ArrayList<>();
    if (waiver.approver() != null) {
      details.add("approved by " + waiver.approver());
    }
    if (waiver.ticket() != null) {
      details.add("ticket " + waiver.ticket());
    }
    if (waiver.expires() != null) {
      details.add("until " + waiver.expires());
    }
    if (!details.isEmpty()) {
      text.append(" (").append(String.join(", ", details)).append(')');
    }
    if (waiver.reason() != null && !waiver.reason().isBlank()) {
      text.append(": ").append(waiver.reason().strip());
    }
    return text.toString();
  }

  private static void runProperties(JsonGenerator json, ReportModel model) throws IOException {
    ScanResult result = model.result();
    json.writeStartObject();
    ScanMetadata metadata = result.metadata();
    if (metadata != null && metadata.kind() != null) {
      json.writeStringField("scanKind", metadata.kind());
    }
    stringOrNull(json, "catalogVersion", result.catalogVersion());
    stringOrNull(json, "catalogDigest", result.catalogDigest());
    json.writeStringField("evaluatedAt", String.valueOf(result.evaluatedAt()));
    json.writeBooleanField("complete", result.complete());
    stringOrNull(json, "language", model.language());
    json.writeObjectFieldStart("findingsByStatus");
    long[] counts = model.statusCounts();
    for (Status status : Status.values()) {
      json.writeNumberField(status.name(), counts[status.ordinal()]);
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  static String level(Severity severity) {
    if (severity == null) {
      return "warning";
    }
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW -> "note";
    };
  }

  private static String securitySeverity(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
    };
  }

  private static Set<String> tags(Control control) {
    Set<String> tags = new LinkedHashSet<>();
    tags.add("security");
    tags.add("lifecycle");
    if (control.phase() != null) {
      tags.add(control.phase().folder());
    }
    for (ClauseRef clause : control.clauses()) {
      tags.add(clause.framework());
    }
    if (control.manual()) {
      tags.add("manual");
    }
    return tags;
  }

  /** A name for people and UIs: the English title in PascalCase, without parentheses. */
  static String ruleName(Control control) {
    String title = PARENTHESES.matcher(english(control.title())).replaceAll(" ");
    StringBuilder name = new StringBuilder();
    for (String word : NOT_A_WORD.split(title)) {
      if (!word.isEmpty()) {
        name.appendCodePoint(Character.toUpperCase(word.codePointAt(0)))
            .append(word.substring(Character.charCount(word.codePointAt(0))));
      }
    }
    return name.isEmpty() ? control.id() : name.toString();
  }

  private static String helpText(Control control) {
    StringBuilder text = new StringBuilder();
    text.append(control.id())
        .append(' ')
        .append(english(control.title()))
        .append(" / ")
        .append(text(control.title(), "ja"))
        .append("\n\nRemediation:\n")
        .append(english(control.remediation()).strip())
        .append("\n\n是正方法:\n")
        .append(text(control.remediation(), "ja").strip())
        .append("\n\nClauses / 条項: ")
        .append(clauseList(control))
        .append('\n');
    if (hasUnverified(control)) {
      text.append(UNVERIFIED_LEGEND).append('\n');
    }
    return text.toString();
  }

  private static String helpMarkdown(Control control) {
    StringBuilder text = new StringBuilder();
    text.append("**")
        .append(control.id())
        .append(" ")
        .append(escapeMarkdown(english(control.title())))
        .append("** / ")
        .append(escapeMarkdown(text(control.title(), "ja")))
        .append("\n\n");
    if (control.phase() != null && control.severity() != null) {
      text.append("Phase / フェーズ: ")
          .append(control.phase().name())
          .append(" (")
          .append(control.phase().japanese())
          .append("), severity / 重大度: ")
          .append(control.severity().label())
          .append("\n\n");
    }
    text.append("### Remediation\n\n")
        .append(english(control.remediation()).strip())
        .append("\n\n### 是正方法\n\n")
        .append(text(control.remediation(), "ja").strip())
        .append("\n\n### Clauses / 条項\n\n");
    for (ClauseRef clause : control.clauses()) {
      text.append("- ").append(escapeMarkdown(clauseLabel(clause)));
      if (clause.title() != null) {
        text.append(": ").append(escapeMarkdown(english(clause.title())));
      }
      text.append('\n');
    }
    if (hasUnverified(control)) {
      text.append('\n').append(UNVERIFIED_LEGEND).append('\n');
    }
    return text.toString();
  }

  private static final String UNVERIFIED_LEGEND =
      "† clause number not yet verified against the published text / 公表文書との照合が未確認の条項番号";

  private static boolean hasUnverified(Control control) {
    for (ClauseRef clause : control.clauses()) {
      if (!clause.verified()) {
        return true;
      }
    }
    return false;
  }

  private static String clauseList(Control control) {
    StringBuilder list = new StringBuilder();
    for (ClauseRef clause : control.clauses()) {
      if (!list.isEmpty()) {
        list.append(", ");
      }
      list.append(clauseLabel(clause));
    }
    return list.toString();
  }

  static String clauseLabel(ClauseRef clause) {
    return clause.framework() + " " + clause.ref() + (clause.verified() ? "" : "†");
  }

  // titles are plain text; keep markdown from reading a '*' or '_' in them as emphasis
  private static String escapeMarkdown(String text) {
    return MARKDOWN.matcher(text).replaceAll("\\\\$1");
  }

  private static String english(Localized localized) {
    return text(localized, "en");
  }

  private static String text(Localized localized, String language) {
    if (localized == null) {
      return "";
    }
    String value = localized.get(language);
    return value == null ? "" : value;
  }

  private static String accountName(Finding finding) {
    return (finding.provider() == null ? "" : finding.provider() + ":")
        + (finding.account() == null ? "" : finding.account());
  }

  private static void stringIfPresent(JsonGenerator json, String field, String value)
      throws IOException {
    if (value != null && !value.isEmpty()) {
      json.writeStringField(field, value);
    }
  }

  private static void stringOrNull(JsonGenerator json, String field, String value)
      throws IOException {
    json.writeFieldName(field);
    stringOrNull(json, value);
  }

  private static void stringOrNull(JsonGenerator json, String value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else {
      json.writeString(value);
    }
  }

  /** Stable across runs and line moves: the control and what it judged, not where it sits. */
  static String fingerprint(Finding finding) {
    String key =
        String.join(
            "\u0000",
            String.valueOf(finding.controlId()),
            String.valueOf(finding.provider()),
            String.valueOf(finding.account()),
            String.valueOf(finding.resourceType()),
            finding.resourceId() == null ? "" : finding.resourceId());
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static List<Control> sortedById(List<Control> controls) {
    List<Control> sorted = new ArrayList<>(controls);
    sorted.sort(ReportOrder.CONTROLS_BY_ID);
    return sorted;
  }

  // the report order of gaps, then their detail, so equal gaps still sort the same way every run
  private static final Comparator<CoverageGap> GAP_ORDER =
      new Comparator<>() {
        @Override
        public int compare(CoverageGap a, CoverageGap b) {
          int c = ReportOrder.GAPS.compare(a, b);
          return c != 0 ? c : detail(a).compareTo(detail(b));
        }

        private String detail(CoverageGap gap) {
          return gap.detail() == null ? "" : gap.detail();
        }
      };
}
