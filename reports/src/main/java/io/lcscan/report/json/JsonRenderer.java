package io.lcscan.report.json;

import static io.lcscan.report.json.ReportJson.writeLocalized;
import static io.lcscan.report.json.ReportJson.writeStringOrNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.catalog.ClauseRef;
import io.lcscan.catalog.Control;
import io.lcscan.catalog.Localized;
import io.lcscan.engine.Background;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.Renderer;
import io.lcscan.report.ReportModel;
import io.lcscan.report.ReportOrder;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Finding;
import io.lcscan.spi.ScanMetadata;
import io.lcscan.spi.Scope;
import io.lcscan.spi.Severity;
import io.lcscan.spi.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The complete model as JSON: scan metadata, the catalog version and digest, counts, every finding
 * with its control's title, every coverage gap, and the controls with their clauses. Field order is
 * fixed and the output is pretty-printed with {@code \n} line ends on every platform.
 *
 * <p>Written field by field with a streaming generator. The bytes are those of the tree this
 * renderer once built with databind (records in declaration order, nulls left out where the SPI
 * says {@code NON_NULL}, map keys sorted, times in ISO-8601), which the evidence bundle and {@code
 * lcscan evaluate} rely on; a test keeps that tree as its oracle.
 */
public final class JsonRenderer implements Renderer {

  /** Bumped when a field is renamed or removed; adding a field does not bump it. */
  public static final int REPORT_SCHEMA_VERSION = 1;

  private static final Status[] STATUSES = Status.values();
  private static final Severity[] SEVERITIES = Severity.values();

  /**
   * Reports with at least this many findings write the second half of them on another thread, in
   * step with the first: a short run's report is written by cold code, and this halves its wait.
   */
  static final int SPLIT_MINIMUM = 2_000;

  private static final boolean SEVERAL_CORES = Runtime.getRuntime().availableProcessors() > 1;

  private final int splitMinimum;

  public JsonRenderer() {
    this(SEVERAL_CORES ? SPLIT_MINIMUM : Integer.MAX_VALUE);
  }

  /** A renderer that splits the findings from {@code splitMinimum} of them on (tests). */
  JsonRenderer(int splitMinimum) {
    this.splitMinimum = splitMinimum;
  }

  @Override
  public String format() {
    return "json";
  }

  @Override
  public void render(ReportModel model, OutputStream out) throws IOException {
    try (JsonGenerator json = ReportJson.prettyGenerator(out)) {
      write(model, json, out);
    }
    out.write('\n');
    out.flush();
  }

  private void write(ReportModel model, JsonGenerator json, OutputStream out) throws IOException {
    ScanResult result = model.result();
    json.writeStartObject();
    json.writeNumberField("reportSchemaVersion", REPORT_SCHEMA_VERSION);
    writeStringOrNull(json, "language", model.language());
    json.writeFieldName("metadata");
    metadata(json, result.metadata());
    json.writeObjectFieldStart("catalog");
    writeStringOrNull(json, "version", result.catalogVersion());
    writeStringOrNull(json, "digest", result.catalogDigest());
    json.writeEndObject();
    json.writeFieldName("evaluatedAt");
    instant(json, result.evaluatedAt());
    json.writeBooleanField("complete", result.complete());
    json.writeFieldName("summary");
    summary(json, model);
    json.writeArrayFieldStart("findings");
    List<Finding> findings = model.findings();
    if (findings.size() >= Math.max(2, splitMinimum)) {
      int split = findings.size() / 2;
      Background<Fragment> secondHalf =
          new Background<>("lcscan-report") {
            @Override
            protected Fragment compute() {
              try {
                return fragment(model, findings.subList(split, findings.size()));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          };
      secondHalf.start();
      findings(json, model, findings.subList(0, split));
      json.flush();
      Fragment fragment;
      try {
        fragment = secondHalf.await();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      fragment.writeTo(out);
    } else {
      findings(json, model, findings);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("gaps");
    for (CoverageGap gap : ReportOrder.sorted(result.gaps(), ReportOrder.GAPS)) {
      gap(json, gap);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("controls");
    List<Control> controls = new ArrayList<>(model.catalog().controls());
    controls.sort(ReportOrder.CONTROLS_BY_ID);
    for (Control control : controls) {
      control(json, control);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void findings(JsonGenerator json, ReportModel model, List<Finding> findings)
      throws IOException {
    String titleOf = null;
    String title = null;
    for (Finding finding : findings) {
      // findings come grouped by control: look each title up once
      if (title == null || !Objects.equals(titleOf, finding.controlId())) {
        titleOf = finding.controlId();
        title = model.title(titleOf);
      }
      finding(json, finding, title);
    }
  }

  /**
   * The bytes the report's generator would write for {@code findings} after at least one finding of
   * the array: a generator is brought to that point (an object, the array, one element) and what it
   * writes from there is kept, separators and indentation included.
   */
  private static Fragment fragment(ReportModel model, List<Finding> findings) throws IOException {
    Fragment bytes = new Fragment();
    try (JsonGenerator json = ReportJson.prettyGenerator(bytes)) {
      json.writeStartObject();
      json.writeArrayFieldStart("findings");
      json.writeNumber(0);
      json.flush();
      bytes.from = bytes.size();
      findings(json, model, findings);
      json.flush();
      // closing would end the array and the object too
      bytes.to = bytes.size();
    }
    return bytes;
  }

  /** Bytes written by a generator, kept from a mark on. */
  private static final class Fragment extends ByteArrayOutputStream {
    private int from;
    private int to;

    Fragment() {
      super(1 << 20);
    }

    @Override
    public synchronized void writeTo(OutputStream out) throws IOException {
      out.write(buf, from, to - from);
    }
  }

  // ScanMetadata is NON_NULL, its scopes NON_EMPTY; credentials are never written
  private static void metadata(JsonGenerator json, ScanMetadata metadata) throws IOException {
    if (metadata == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    stringIfNotNull(json, "scanId", metadata.scanId());
    stringIfNotNull(json, "kind", metadata.kind());
    stringIfNotNull(json, "identity", metadata.identity());
    json.writeArrayFieldStart("scopes");
    for (Scope scope : metadata.scopes()) {
      json.writeStartObject();
      if (scope.provider() != null && !scope.provider().isEmpty()) {
        json.writeStringField("provider", scope.provider());
      }
      stringsIfNotEmpty(json, "accounts", scope.accounts());
      stringsIfNotEmpty(json, "regions", scope.regions());
      stringsIfNotEmpty(json, "services", scope.services());
      URI endpoint = scope.endpointOverride();
      if (endpoint != null && !endpoint.toString().isEmpty()) {
        json.writeStringField("endpointOverride", endpoint.toString());
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    if (metadata.startedAt() != null) {
      json.writeFieldName("startedAt");
      instant(json, metadata.startedAt());
    }
    if (metadata.finishedAt() != null) {
      json.writeFieldName("finishedAt");
      instant(json, metadata.finishedAt());
    }
    stringIfNotNull(json, "toolVersion", metadata.toolVersion());
    json.writeEndObject();
  }

  private static void summary(JsonGenerator json, ReportModel model) throws IOException {
    ScanResult result = model.result();
    json.writeStartObject();
    json.writeNumberField("findings", result.findings().size());
    json.writeNumberField("gaps", result.gaps().size());
    json.writeObjectFieldStart("byStatus");
    long[] counts = model.statusCounts();
    for (Status status : STATUSES) {
      json.writeNumberField(status.name(), counts[status.ordinal()]);
    }
    json.writeEndObject();
    // severities from critical down, each with every status, so a reader never guesses a zero
    long[][] matrix = new long[SEVERITIES.length][STATUSES.length];
    for (Finding finding : result.findings()) {
      if (finding.severity() != null && finding.status() != null) {
        matrix[finding.severity().ordinal()][finding.status().ordinal()]++;
      }
    }
    json.writeObjectFieldStart("bySeverity");
    for (int i = SEVERITIES.length - 1; i >= 0; i--) {
      json.writeObjectFieldStart(SEVERITIES[i].name());
      for (Status status : STATUSES) {
        json.writeNumberField(status.name(), matrix[i][status.ordinal()]);
      }
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  // controlId and controlTitle first, then every other field in the SPI's declaration order
  private static void finding(JsonGenerator json, Finding finding, String title)
      throws IOException {
    json.writeStartObject();
    writeStringOrNull(json, "controlId", finding.controlId());
    writeStringOrNull(json, "controlTitle", title);
    enumIfNotNull(json, "status", finding.status());
    enumIfNotNull(json, "severity", finding.severity());
    enumIfNotNull(json, "phase", finding.phase());
    stringIfNotNull(json, "provider", finding.provider());
    stringIfNotNull(json, "account", finding.account());
    stringIfNotNull(json, "region", finding.region());
    stringIfNotNull(json, "resourceType", finding.resourceType());
    stringIfNotNull(json, "resourceId", finding.resourceId());
    stringIfNotNull(json, "resourceName", finding.resourceName());
    enumIfNotNull(json, "classification", finding.classification());
    stringIfNotNull(json, "message", finding.message());
    if (finding.evidence() != null) {
      json.writeObjectFieldStart("evidence");
      for (Map.Entry<String, JsonNode> entry :
          ReportJson.sortedByKey(finding.evidence()).entrySet()) {
        json.writeFieldName(entry.getKey());
        ReportJson.writeNode(json, entry.getValue(), true);
      }
      json.writeEndObject();
    }
    if (finding.waiver() != null) {
      json.writeFieldName("waiver");
      ReportJson.writeWaiver(json, finding.waiver());
    }
    json.writeEndObject();
  }

  // CoverageGap is NON_NULL; its constructor fills account and region
  private static void gap(JsonGenerator json, CoverageGap gap) throws IOException {
    json.writeStartObject();
    stringIfNotNull(json, "provider", gap.provider());
    stringIfNotNull(json, "account", gap.account());
    stringIfNotNull(json, "region", gap.region());
    stringIfNotNull(json, "resourceType", gap.resourceType());
    stringIfNotNull(json, "service", gap.service());
    enumIfNotNull(json, "reason", gap.reason());
    stringIfNotNull(json, "detail", gap.detail());
    json.writeEndObject();
  }

  private static void control(JsonGenerator json, Control control) throws IOException {
    json.writeStartObject();
    writeStringOrNull(json, "id", control.id());
    writeStringOrNull(json, "phase", control.phase() == null ? null : control.phase().name());
    writeStringOrNull(
        json, "severity", control.severity() == null ? null : control.severity().name());
    json.writeFieldName("title");
    writeLocalized(json, control.title());
    if (control.minClassification() != null) {
      json.writeStringField("minClassification", control.minClassification().name());
    }
    json.writeBooleanField("manual", control.manual());
    json.writeArrayFieldStart("clauses");
    for (ClauseRef clause : control.clauses()) {
      json.writeStartObject();
      writeStringOrNull(json, "framework", clause.framework());
      writeStringOrNull(json, "ref", clause.ref());
      if (clause.title() != null) {
        json.writeFieldName("title");
        writeLocalized(json, clause.title());
      }
      json.writeBooleanField("verified", clause.verified());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeFieldName("rationale");
    writeLocalized(json, control.rationale());
    json.writeFieldName("remediation");
    writeLocalized(json, control.remediation());
    json.writeArrayFieldStart("evidence");
    for (Localized evidence : control.evidence()) {
      writeLocalized(json, evidence);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  // ISO-8601, as the java.time module writes an Instant when dates are not timestamps
  private static void instant(JsonGenerator json, Instant value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else {
      json.writeString(value.toString());
    }
  }

  private static void stringIfNotNull(JsonGenerator json, String field, String value)
      throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }

  private static void enumIfNotNull(JsonGenerator json, String field, Enum<?> value)
      throws IOException {
    if (value != null) {
      json.writeStringField(field, value.name());
    }
  }

  private static void stringsIfNotEmpty(JsonGenerator json, String field, List<String> values)
      throws IOException {
    if (values == null || values.isEmpty()) {
      return;
    }
    json.writeArrayFieldStart(field);
    for (String value : values) {
      if (value == null) {
        json.writeNull();
      } else {
        json.writeString(value);
      }
    }
    json.writeEndArray();
  }
}
