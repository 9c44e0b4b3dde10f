package io.lcscan.report.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.catalog.ClauseRef;
import io.lcscan.catalog.Control;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.Renderer;
import io.lcscan.report.ReportModel;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Severity;
import io.lcscan.spi.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON renderer as it was when it built a databind tree and serialized it: the oracle that
 * {@link TestJsonStreaming} holds the streaming renderer to, byte for byte.
 */
final class LegacyJsonRenderer implements Renderer {

  private final ObjectMapper mapper = ReportJson.mapper();
  private final ObjectWriter writer = ReportJson.prettyWriter(mapper);

  @Override
  public String format() {
    return "json";
  }

  @Override
  public void render(ReportModel model, OutputStream out) throws IOException {
    writer.writeValue(out, toTree(model));
    out.write('\n');
    out.flush();
  }

  ObjectNode toTree(ReportModel model) {
    ScanResult result = model.result();
    ObjectNode root = mapper.createObjectNode();
    root.put("reportSchemaVersion", JsonRenderer.REPORT_SCHEMA_VERSION);
    root.put("language", model.language());
    root.set("metadata", mapper.valueToTree(result.metadata()));
    ObjectNode catalog = root.putObject("catalog");
    catalog.put("version", result.catalogVersion());
    catalog.put("digest", result.catalogDigest());
    root.set("evaluatedAt", mapper.valueToTree(result.evaluatedAt()));
    root.put("complete", result.complete());
    root.set("summary", summary(model));
    ArrayNode findings = root.putArray("findings");
    for (Finding finding : model.findings()) {
      findings.add(finding(model, finding));
    }
    ArrayNode gaps = root.putArray("gaps");
    for (CoverageGap gap : sortedGaps(result.gaps())) {
      gaps.add(mapper.<ObjectNode>valueToTree(gap));
    }
    ArrayNode controls = root.putArray("controls");
    model.catalog().controls().stream()
        .sorted(Comparator.comparing(Control::id))
        .forEach(control -> controls.add(control(control)));
    return root;
  }

  private ObjectNode summary(ReportModel model) {
    ObjectNode summary = mapper.createObjectNode();
    summary.put("findings", model.result().findings().size());
    summary.put("gaps", model.result().gaps().size());
    ObjectNode byStatus = summary.putObject("byStatus");
    Map<Status, Long> counts = model.result().countsByStatus();
    for (Status status : Status.values()) {
      byStatus.put(status.name(), counts.getOrDefault(status, 0L));
    }
    Map<Severity, Map<Status, Long>> matrix = new EnumMap<>(Severity.class);
    for (Finding finding : model.result().findings()) {
      if (finding.severity() != null && finding.status() != null) {
        matrix
            .computeIfAbsent(finding.severity(), s -> new EnumMap<>(Status.class))
            .merge(finding.status(), 1L, Long::sum);
      }
    }
    ObjectNode bySeverity = summary.putObject("bySeverity");
    Severity[] severities = Severity.values();
    for (int i = severities.length - 1; i >= 0; i--) {
      ObjectNode row = bySeverity.putObject(severities[i].name());
      Map<Status, Long> statuses = matrix.getOrDefault(severities[i], Map.of());
      for (Status status : Status.values()) {
        row.put(status.name(), statuses.getOrDefault(status, 0L));
      }
    }
    return summary;
  }

  private ObjectNode finding(ReportModel model, Finding finding) {
    ObjectNode node = mapper.createObjectNode();
    node.put("controlId", finding.controlId());
    node.put("controlTitle", model.title(finding.controlId()));
    node.setAll(mapper.<ObjectNode>valueToTree(finding));
    return node;
  }

  private ObjectNode control(Control control) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", control.id());
    node.put("phase", control.phase() == null ? null : control.phase().name());
    node.put("severity", control.severity() == null ? null : control.severity().name());
    node.set("title", mapper.valueToTree(control.title()));
    if (control.minClassification() != null) {
      node.put("minClassification", control.minClassification().name());
    }
    node.put("manual", control.manual());
    ArrayNode clauses = node.putArray("clauses");
    for (ClauseRef clause : control.clauses()) {
      ObjectNode c = clauses.addObject();
      c.put("framework", clause.framework());
      c.put("ref", clause.ref());
      if (clause.title() != null) {
        c.set("title", mapper.valueToTree(clause.title()));
      }
      c.put("verified", clause.verified());
    }
    node.set("rationale", mapper.valueToTree(control.rationale()));
    node.set("remediation", mapper.valueToTree(control.remediation()));
    node.set("evidence", mapper.valueToTree(control.evidence()));
    return node;
  }

  private static List<CoverageGap> sortedGaps(List<CoverageGap> gaps) {
    return gaps.stream()
        .sorted(
            Comparator.comparing(CoverageGap::provider)
                .thenComparing(CoverageGap::account)
                .thenComparing(CoverageGap::region)
                .thenComparing(CoverageGap::resourceType)
                .thenComparing(gap -> gap.reason().name()))
        .toList();
  }
}
