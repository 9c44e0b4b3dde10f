package io.lcscan.report.sarif;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.catalog.ClauseRef;
import io.lcscan.catalog.Control;
import io.lcscan.catalog.Localized;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.Renderer;
import io.lcscan.report.ReportModel;
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
import java.util.Set;
import java.util.TreeMap;

/**
 * The SARIF renderer as it was when it built a databind tree: the oracle that {@link
 * TestSarifStreaming} holds the streaming renderer to, byte for byte.
 */
final class LegacySarifRenderer implements Renderer {

  static final String SCHEMA_URI = SarifRenderer.SCHEMA_URI;

  static final String FINGERPRINT = "lcscanFinding/v1";

  private static final Set<Status> REPORTED =
      Set.of(Status.FAIL, Status.ERROR, Status.WAIVED, Status.MANUAL);

  private final String toolVersion;
  private final ObjectMapper mapper;
  private final ObjectWriter writer;

  /** With a fixed tool version, so golden files do not change with every release. */
  LegacySarifRenderer(String toolVersion) {
    this.toolVersion = requireNonNull(toolVersion, "toolVersion is null");
    this.mapper = ReportJson.mapper();
    this.writer = ReportJson.prettyWriter(mapper);
  }

  @Override
  public String format() {
    return "sarif";
  }

  @Override
  public boolean usesSourceLocations() {
    return true;
  }

  @Override
  public void render(ReportModel model, OutputStream out) throws IOException {
    writer.writeValue(out, toTree(model));
    out.write('\n');
    out.flush();
  }

  public ObjectNode toTree(ReportModel model) {
    ObjectNode root = mapper.createObjectNode();
    root.put("$schema", SCHEMA_URI);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();

    List<Control> controls =
        model.catalog().controls().stream().sorted(Comparator.comparing(Control::id)).toList();
    Map<String, Integer> ruleIndex = new HashMap<>();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", ToolInfo.NAME);
    driver.put("version", toolVersion);
    driver.put("informationUri", ToolInfo.INFORMATION_URI);
    ArrayNode rules = driver.putArray("rules");
    for (Control control : controls) {
      ruleIndex.put(control.id(), rules.size());
      rules.add(rule(control));
    }

    run.set("invocations", mapper.createArrayNode().add(invocation(model.result())));
    ArrayNode results = run.putArray("results");
    for (Finding finding : model.findings()) {
      if (REPORTED.contains(finding.status())) {
        results.add(result(model, finding, ruleIndex));
      }
    }
    run.set("properties", runProperties(model));
    return root;
  }

  private ObjectNode rule(Control control) {
    ObjectNode rule = mapper.createObjectNode();
    rule.put("id", control.id());
    rule.put("name", ruleName(control));
    rule.putObject("shortDescription").put("text", english(control.title()));
    rule.putObject("fullDescription").put("text", english(control.rationale()));
    ObjectNode help = rule.putObject("help");
    help.put("text", helpText(control));
    help.put("markdown", helpMarkdown(control));
    if (control.severity() != null) {
      rule.putObject("defaultConfiguration").put("level", level(control.severity()));
    }
    ObjectNode properties = rule.putObject("properties");
    ArrayNode tags = properties.putArray("tags");
    for (String tag : tags(control)) {
      tags.add(tag);
    }
    if (control.phase() != null) {
      properties.put("phase", control.phase().name());
      properties.put("phaseJa", control.phase().japanese());
    }
    if (control.severity() != null) {
      properties.put("severity", control.severity().label());
      // GitHub ranks security alerts by this CVSS-like score
      properties.put("security-severity", securitySeverity(control.severity()));
    }
    properties.put("titleJa", text(control.title(), "ja"));
    properties.put("manual", control.manual());
    if (control.minClassification() != null) {
      properties.put("minClassification", control.minClassification().name());
    }
    ArrayNode clauses = properties.putArray("clauses");
    for (ClauseRef clause : control.clauses()) {
      ObjectNode node = clauses.addObject();
      node.put("framework", clause.framework());
      node.put("ref", clause.ref());
      node.put("verified", clause.verified());
      node.put("label", clauseLabel(clause));
    }
    return rule;
  }

  private ObjectNode invocation(ScanResult result) {
    ObjectNode invocation = mapper.createObjectNode();
    // an incomplete scan did not do all it was asked to: say so rather than look clean
    invocation.put("executionSuccessful", result.complete());
    ScanMetadata metadata = result.metadata();
    if (metadata != null && metadata.startedAt() != null) {
      invocation.put("startTimeUtc", metadata.startedAt().toString());
    }
    if (metadata != null && metadata.finishedAt() != null) {
      invocation.put("endTimeUtc", metadata.finishedAt().toString());
    }
    if (!result.gaps().isEmpty()) {
      ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
      for (CoverageGap gap : sortedGaps(result.gaps())) {
        ObjectNode notification = notifications.addObject();
        notification.put("level", "error");
        notification
            .putObject("message")
            .put(
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
        notification.putObject("descriptor").put("id", "coverage-gap");
      }
    }
    return invocation;
  }

  private ObjectNode result(ReportModel model, Finding finding, Map<String, Integer> ruleIndex) {
    ObjectNode result = mapper.createObjectNode();
    result.put("ruleId", finding.controlId());
    Integer index = ruleIndex.get(finding.controlId());
    if (index != null) {
      result.put("ruleIndex", index);
    }
    if (finding.status() == Status.MANUAL) {
      result.put("kind", "review");
      result.put("level", "none");
    } else {
      result.put("level", level(finding.severity()));
    }
    result.putObject("message").put("text", message(model, finding));
    result.set("locations", mapper.createArrayNode().add(location(model, finding)));
    result.putObject("partialFingerprints").put(FINGERPRINT, fingerprint(finding));
    if (finding.status() == Status.WAIVED) {
      ObjectNode suppression = result.putArray("suppressions").addObject();
      suppression.put("kind", "external");
      suppression.put("status", "accepted");
      suppression.put("justification", waiverText(finding.waiver()));
    }
    ObjectNode properties = result.putObject("properties");
    properties.put("status", finding.status().name());
    if (finding.severity() != null) {
      properties.put("severity", finding.severity().label());
    }
    putIfPresent(properties, "provider", finding.provider());
    putIfPresent(properties, "account", finding.account());
    putIfPresent(properties, "region", finding.region());
    putIfPresent(properties, "resourceType", finding.resourceType());
    putIfPresent(properties, "resourceName", finding.resourceName());
    if (finding.classification() != null) {
      properties.put("classification", finding.classification().name());
    }
    if (finding.evidence() != null && !finding.evidence().isEmpty()) {
      ObjectNode evidence = properties.putObject("evidence");
      new TreeMap<>(finding.evidence())
          .forEach((path, value) -> evidence.set(path, value == null ? null : value.deepCopy()));
    }
    if (finding.waiver() != null) {
      properties.set("waiver", mapper.valueToTree(finding.waiver()));
    }
    return result;
  }

  private ObjectNode location(ReportModel model, Finding finding) {
    ObjectNode location = mapper.createObjectNode();
    SourceLocation source = model.location(finding.resourceId()).orElse(null);
    if (source != null) {
      ObjectNode physical = location.putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", source.uri());
      if (source.startLine() > 0) {
        ObjectNode region = physical.putObject("region");
        region.put("startLine", source.startLine());
        if (source.startColumn() > 0) {
          region.put("startColumn", source.startColumn());
        }
      }
    }
    ArrayNode logical = location.putArray("logicalLocations");
    if (finding.resourceId() != null) {
      ObjectNode resource = logical.addObject();
      if (finding.resourceName() != null) {
        resource.put("name", finding.resourceName());
      }
      resource.put("fullyQualifiedName", finding.resourceId());
      resource.put("kind", "resource");
    } else {
      // per-account findings (manual controls, account-wide checks) have no resource
      logical.addObject().put("fullyQualifiedName", accountName(finding)).put("kind", "namespace");
    }
    if (source != null && !source.module().isEmpty()) {
      logical.addObject().put("fullyQualifiedName", source.module()).put("kind", "module");
    }
    return location;
  }

  private static String message(ReportModel model, Finding finding) {
    String title = model.title(finding.controlId());
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

  private ObjectNode runProperties(ReportModel model) {
    ScanResult result = model.result();
    ObjectNode properties = mapper.createObjectNode();
    ScanMetadata metadata = result.metadata();
    if (metadata != null && metadata.kind() != null) {
      properties.put("scanKind", metadata.kind());
    }
    properties.put("catalogVersion", result.catalogVersion());
    properties.put("catalogDigest", result.catalogDigest());
    properties.put("evaluatedAt", String.valueOf(result.evaluatedAt()));
    properties.put("complete", result.complete());
    properties.put("language", model.language());
    ObjectNode counts = properties.putObject("findingsByStatus");
    result.countsByStatus().forEach((status, count) -> counts.put(status.name(), count));
    return properties;
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
    String title = english(control.title()).replaceAll("\\([^)]*\\)", " ");
    StringBuilder name = new StringBuilder();
    for (String word : title.split("[^\\p{L}\\p{N}]+")) {
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
    return control.clauses().stream().anyMatch(clause -> !clause.verified());
  }

  private static String clauseList(Control control) {
    return String.join(
        ", ", control.clauses().stream().map(LegacySarifRenderer::clauseLabel).toList());
  }

  static String clauseLabel(ClauseRef clause) {
    return clause.framework() + " " + clause.ref() + (clause.verified() ? "" : "†");
  }

  // titles are plain text; keep markdown from reading a '*' or '_' in them as emphasis
  private static String escapeMarkdown(String text) {
    return text.replaceAll("([\\\\`*_\\[\\]<>#|])", "\\\\$1");
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

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
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

  private static List<CoverageGap> sortedGaps(List<CoverageGap> gaps) {
    return gaps.stream()
        .sorted(
            Comparator.comparing(CoverageGap::provider)
                .thenComparing(CoverageGap::account)
                .thenComparing(CoverageGap::region)
                .thenComparing(CoverageGap::resourceType)
                .thenComparing(gap -> gap.reason().name())
                .thenComparing(gap -> gap.detail() == null ? "" : gap.detail()))
        .toList();
  }
}
