package io.lcscan.report.html;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateDirectiveModel;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.lcscan.catalog.ClauseRef;
import io.lcscan.catalog.Control;
import io.lcscan.catalog.Framework;
import io.lcscan.catalog.Localized;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.Renderer;
import io.lcscan.report.ReportModel;
import io.lcscan.report.ToolInfo;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Phase;
import io.lcscan.spi.ScanMetadata;
import io.lcscan.spi.Scope;
import io.lcscan.spi.Severity;
import io.lcscan.spi.Status;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The auditor's report: one self-contained HTML file (inline CSS, JavaScript and SVG, no request of
 * any kind) under a Content-Security-Policy that allows only the exact inline script and style by
 * hash. Everything from the scanned accounts is treated as hostile: the template auto-escapes it,
 * the findings travel once as escaped JSON, and the script only ever writes them as text.
 */
public final class HtmlRenderer implements Renderer {

  private static final String TEMPLATES = "/io/lcscan/report/html";
  private static final int BAR_WIDTH = 320;
  // waivers list their resources in markup; the findings table has the rest
  private static final int WAIVER_RESOURCES = 20;
  private static final int CHECKLIST_ACCOUNTS = 50;

  // the order in which a control's worst status is picked for its badge
  private static final List<Status> WORST_FIRST =
      List.of(
          Status.FAIL,
          Status.ERROR,
          Status.MANUAL,
          Status.WAIVED,
          Status.PASS,
          Status.NOT_APPLICABLE);

  private static final Map<String, Localized> KNOWN_FRAMEWORKS = new LinkedHashMap<>();

  static {
    KNOWN_FRAMEWORKS.put(
        "unified-standards-2021", new Localized("Unified Standards (FY2021)", "統一基準（令和3年度版）"));
    KNOWN_FRAMEWORKS.put("iso27017", new Localized("ISO/IEC 27017", "ISO/IEC 27017"));
    KNOWN_FRAMEWORKS.put("ismap", new Localized("ISMAP", "ISMAP"));
  }

  // Built when the first html report is written, not when the renderer is made: a scan that
  // writes only JSON never pays for Freemarker. Holder classes keep that lazy and thread-safe.
  private static final class Templates {
    static final Configuration FREEMARKER = freemarker();
    static final String CSS = resource("report.css");
    static final String JS = resource("report.js");
  }

  // only a key to find equal evidence; what the page gets is written by the html-safe generator
  private static final class Keys {
    static final ObjectWriter WRITER = new ObjectMapper().writer();
  }

  private static Configuration freemarker() {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setClassForTemplateLoading(HtmlRenderer.class, TEMPLATES);
    cfg.setDefaultEncoding("UTF-8");
    cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
    cfg.setRecognizeStandardFileExtensions(true);
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    cfg.setLocale(Locale.ROOT);
    cfg.setNumberFormat("computer");
    // a template gets data, never a way to reach Java classes
    cfg.setAPIBuiltinEnabled(false);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    return cfg;
  }

  @Override
  public String format() {
    return "html";
  }

  @Override
  public void render(ReportModel model, OutputStream out) throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, UTF_8), 1 << 16);
    Template template = Templates.FREEMARKER.getTemplate("report.ftlh");
    try {
      template.process(view(model), writer);
    } catch (TemplateException e) {
      throw new IOException("cannot render the html report: " + e.getMessage(), e);
    }
    writer.flush();
  }

  /** The Content-Security-Policy for exactly these inline blocks. */
  static String contentSecurityPolicy(String script, String style) {
    return "default-src 'none'; script-src '"
        + sha256(script)
        + "'; style-src '"
        + sha256(style)
        + "'; img-src data:; base-uri 'none'; form-action 'none'";
  }

  static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> view(ReportModel model) {
    ScanResult result = model.result();
    Counts counts = new Counts(result.findings());

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("lang", model.language());
    root.put("css", Templates.CSS);
    root.put("js", Templates.JS);
    // computed here, over the very strings the template writes between the tags
    root.put("csp", contentSecurityPolicy(Templates.JS, Templates.CSS));
    root.put("meta", metadata(result));
    root.put("total", result.findings().size());
    root.put("complete", result.complete());
    root.put("gaps", gaps(result.gaps()));
    root.put("statusChart", chart(statusRows(counts.byStatus)));
    root.put("severityChart", chart(severityRows(counts.bySeverity)));
    root.put("phaseChart", chart(phaseRows(counts.byPhase)));
    root.put("phases", phases(model, counts));
    root.put("frameworks", frameworks(model, counts));
    root.put("controls", model.catalog().controls().stream().map(c -> control(c, counts)).toList());
    root.put("checklist", checklist(model, counts));
    root.put("applied", waivers(result.findings(), false));
    root.put("lapsed", waivers(result.findings(), true));
    root.put("statuses", enumLabels(List.of(Status.values()), HtmlRenderer::statusLabel));
    root.put(
        "data",
        (TemplateDirectiveModel) (env, params, loopVars, body) -> data(model, env.getOut()));
    return root;
  }

  private static Map<String, Object> metadata(ScanResult result) {
    ScanMetadata metadata = result.metadata();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("scanId", metadata == null ? "" : text(metadata.scanId()));
    meta.put("kind", metadata == null ? "" : text(metadata.kind()));
    meta.put("identity", metadata == null ? "" : text(metadata.identity()));
    List<String> scopes = new ArrayList<>();
    if (metadata != null) {
      for (Scope scope : metadata.scopes()) {
        scopes.add(
            scope.provider()
                + ": accounts="
                + all(scope.accounts())
                + ", regions="
                + all(scope.regions())
                + ", services="
                + all(scope.services()));
      }
    }
    meta.put("scopes", scopes);
    meta.put("startedAt", metadata == null ? "" : text(metadata.startedAt()));
    meta.put("finishedAt", metadata == null ? "" : text(metadata.finishedAt()));
    meta.put("evaluatedAt", text(result.evaluatedAt()));
    String toolVersion = metadata == null ? null : metadata.toolVersion();
    meta.put("toolVersion", toolVersion == null ? ToolInfo.version() : toolVersion);
    meta.put("catalogVersion", text(result.catalogVersion()));
    meta.put("catalogDigest", text(result.catalogDigest()));
    return meta;
  }

  private static String all(List<String> values) {
    return values.isEmpty() ? "*" : String.join(" ", values);
  }

  private static List<Map<String, Object>> gaps(List<CoverageGap> gaps) {
    return gaps.stream()
        .sorted(
            Comparator.comparing(CoverageGap::provider)
                .thenComparing(CoverageGap::account)
                .thenComparing(CoverageGap::region)
                .thenComparing(CoverageGap::resourceType)
                .thenComparing(gap -> gap.reason().name()))
        .map(
            gap -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("provider", gap.provider());
              row.put("account", gap.account().isEmpty() ? "*" : gap.account());
              row.put("region", gap.region());
              row.put("resourceType", gap.resourceType());
              row.put("service", text(gap.service()));
              row.put("reason", gap.reason().name());
              row.put("detail", text(gap.detail()));
              return row;
            })
        .toList();
  }

  // --- charts ---------------------------------------------------------------------------------

  private static List<Map<String, Object>> statusRows(Map<Status, Long> byStatus) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Status status : Status.values()) {
      rows.add(bar("status-" + status.name(), status.name(), statusLabel(status), byStatus));
    }
    return rows;
  }

  private static List<Map<String, Object>> severityRows(Map<Severity, Long> bySeverity) {
    List<Map<String, Object>> rows = new ArrayList<>();
    Severity[] severities = Severity.values();
    for (int i = severities.length - 1; i >= 0; i--) {
      Severity severity = severities[i];
      rows.add(
          bar("severity-" + severity.name(), severity.name(), severityLabel(severity), bySeverity));
    }
    return rows;
  }

  private static List<Map<String, Object>> phaseRows(Map<Phase, Long> byPhase) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      rows.add(bar("phase-" + phase.name(), phase.name(), phaseLabel(phase), byPhase));
    }
    return rows;
  }

  private static <K> Map<String, Object> bar(
      String key, String code, Localized label, Map<K, Long> counts) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("key", key);
    row.put("code", code);
    row.put("en", label.en());
    row.put("ja", label.ja());
    long count = 0;
    for (Map.Entry<K, Long> entry : counts.entrySet()) {
      if (((Enum<?>) entry.getKey()).name().equals(code)) {
        count = entry.getValue();
      }
    }
    row.put("count", count);
    return row;
  }

  private static Map<String, Object> chart(List<Map<String, Object>> rows) {
    long max = rows.stream().mapToLong(row -> (Long) row.get("count")).max().orElse(0);
    int y = 0;
    for (Map<String, Object> row : rows) {
      long count = (Long) row.get("count");
      // a non-zero count is always visible, however small next to the largest
      long width = max == 0 ? 0 : Math.max(count == 0 ? 0 : 2, count * BAR_WIDTH / max);
      row.put("width", width);
      row.put("y", y);
      y += 24;
    }
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("rows", rows);
    chart.put("height", y);
    return chart;
  }

  // --- lifecycle and frameworks ---------------------------------------------------------------

  private static List<Map<String, Object>> phases(ReportModel model, Counts counts) {
    List<Map<String, Object>> phases = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("code", phase.name());
      row.put("en", phaseLabel(phase).en());
      row.put("ja", phaseLabel(phase).ja());
      row.put("count", counts.byPhase.getOrDefault(phase, 0L));
      row.put(
          "controls",
          model.catalog().controls().stream()
              .filter(control -> control.phase() == phase)
              .map(control -> controlSummary(control, counts))
              .toList());
      phases.add(row);
    }
    return phases;
  }

  private static Map<String, Object> controlSummary(Control control, Counts counts) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", control.id());
    row.put("titleEn", text(control.title().en()));
    row.put("titleJa", text(control.title().get("ja")));
    row.put("severity", control.severity() == null ? "" : control.severity().name());
    row.put("manual", control.manual());
    long[] byStatus = counts.byControl.getOrDefault(control.id(), new long[Status.values().length]);
    List<Map<String, Object>> statusCounts = new ArrayList<>();
    for (Status status : Status.values()) {
      Map<String, Object> cell = new LinkedHashMap<>();
      cell.put("code", status.name());
      cell.put("count", byStatus[status.ordinal()]);
      statusCounts.add(cell);
    }
    row.put("counts", statusCounts);
    row.put("worst", worst(byStatus));
    row.put("clauses", control.clauses().stream().map(HtmlRenderer::clause).toList());
    return row;
  }

  private static String worst(long[] byStatus) {
    for (Status status : WORST_FIRST) {
      if (byStatus[status.ordinal()] > 0) {
        return status.name();
      }
    }
    return "NONE";
  }

  private static Map<String, Object> clause(ClauseRef clause) {
    Map<String, Object> row = new LinkedHashMap<>();
    Localized name = frameworkName(clause.framework(), null);
    row.put("framework", clause.framework());
    row.put("frameworkEn", name.en());
    row.put("frameworkJa", name.ja());
    row.put("ref", clause.ref());
    row.put("verified", clause.verified());
    row.put("titleEn", clause.title() == null ? "" : text(clause.title().en()));
    row.put("titleJa", clause.title() == null ? "" : text(clause.title().get("ja")));
    return row;
  }

  private static Localized frameworkName(String id, Framework framework) {
    if (framework != null && framework.name() != null) {
      return framework.name();
    }
    return KNOWN_FRAMEWORKS.getOrDefault(id, new Localized(id, id));
  }

  /**
   * Clause, then its controls, for every framework: the framework files' clauses merged with the
   * clauses the controls cite, so a clause only one side knows is still shown. A clause either side
   * marks unverified is shown unverified.
   */
  private static List<Map<String, Object>> frameworks(ReportModel model, Counts counts) {
    Map<String, Framework> files = new HashMap<>();
    model.catalog().frameworks().forEach(framework -> files.put(framework.id(), framework));
    Map<String, Map<String, MergedClause>> merged = new TreeMap<>(frameworkOrder());
    for (Framework framework : model.catalog().frameworks()) {
      Map<String, MergedClause> clauses =
          merged.computeIfAbsent(framework.id(), id -> new TreeMap<>(NaturalOrder.INSTANCE));
      for (Framework.Clause clause : framework.clauses()) {
        MergedClause target =
            clauses.computeIfAbsent(
                clause.ref(), ref -> new MergedClause(ref, clause.title(), clause.verified()));
        target.verified &= clause.verified();
        target.controls.addAll(clause.controls());
      }
    }
    for (Control control : model.catalog().controls()) {
      for (ClauseRef ref : control.clauses()) {
        MergedClause target =
            merged
                .computeIfAbsent(ref.framework(), id -> new TreeMap<>(NaturalOrder.INSTANCE))
                .computeIfAbsent(
                    ref.ref(), key -> new MergedClause(key, ref.title(), ref.verified()));
        target.verified &= ref.verified();
        if (target.title == null) {
          target.title = ref.title();
        }
        target.controls.add(control.id());
      }
    }
    List<Map<String, Object>> frameworks = new ArrayList<>();
    merged.forEach(
        (id, clauses) -> {
          Localized name = frameworkName(id, files.get(id));
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("id", id);
          row.put("nameEn", text(name.en()));
          row.put("nameJa", text(name.get("ja")));
          List<Map<String, Object>> clauseRows = new ArrayList<>();
          for (MergedClause clause : clauses.values()) {
            Map<String, Object> clauseRow = new LinkedHashMap<>();
            clauseRow.put("ref", clause.ref);
            clauseRow.put("verified", clause.verified);
            clauseRow.put("titleEn", clause.title == null ? "" : text(clause.title.en()));
            clauseRow.put("titleJa", clause.title == null ? "" : text(clause.title.get("ja")));
            List<Map<String, Object>> controls = new ArrayList<>();
            for (String controlId : new TreeSet<>(clause.controls)) {
              model
                  .control(controlId)
                  .ifPresentOrElse(
                      control -> controls.add(controlSummary(control, counts)),
                      () -> controls.add(unknownControl(controlId)));
            }
            clauseRow.put("controls", controls);
            clauseRows.add(clauseRow);
          }
          row.put("clauses", clauseRows);
          frameworks.add(row);
        });
    return frameworks;
  }

  private static Map<String, Object> unknownControl(String id) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("titleEn", "(not in the catalog)");
    row.put("titleJa", "（カタログにない管理策）");
    row.put("severity", "");
    row.put("manual", false);
    row.put("counts", List.of());
    row.put("worst", "NONE");
    row.put("clauses", List.of());
    return row;
  }

  private static Comparator<String> frameworkOrder() {
    List<String> known = List.copyOf(KNOWN_FRAMEWORKS.keySet());
    return Comparator.<String>comparingInt(
            id -> known.contains(id) ? known.indexOf(id) : known.size())
        .thenComparing(Comparator.naturalOrder());
  }

  private static final class MergedClause {
    final String ref;
    Localized title;
    boolean verified;
    final Set<String> controls = new LinkedHashSet<>();

    MergedClause(String ref, Localized title, boolean verified) {
      this.ref = ref;
      this.title = title;
      this.verified = verified;
    }
  }

  // --- control pages, checklist, waivers ------------------------------------------------------

  private static Map<String, Object> control(Control control, Counts counts) {
    Map<String, Object> row = controlSummary(control, counts);
    row.put("phase", control.phase() == null ? "" : control.phase().name());
    row.put("phaseEn", control.phase() == null ? "" : phaseLabel(control.phase()).en());
    row.put("phaseJa", control.phase() == null ? "" : phaseLabel(control.phase()).ja());
    row.put(
        "minClassification",
        control.minClassification() == null ? "" : control.minClassification().name());
    row.put("rationaleEn", localized(control.rationale(), "en"));
    row.put("rationaleJa", localized(control.rationale(), "ja"));
    row.put("remediationEn", localized(control.remediation(), "en"));
    row.put("remediationJa", localized(control.remediation(), "ja"));
    row.put(
        "evidence",
        control.evidence().stream()
            .map(e -> Map.<String, Object>of("en", text(e.en()), "ja", text(e.get("ja"))))
            .toList());
    row.put("types", List.copyOf(new TreeSet<>(control.appliesTo())));
    row.put("attachEn", control.evidenceToAttach().getOrDefault("en", List.of()));
    row.put(
        "attachJa",
        control
            .evidenceToAttach()
            .getOrDefault("ja", control.evidenceToAttach().getOrDefault("en", List.of())));
    row.put("total", counts.totalByControl.getOrDefault(control.id(), 0L));
    return row;
  }

  private static List<Map<String, Object>> checklist(ReportModel model, Counts counts) {
    Map<String, Set<String>> manualScopes = new TreeMap<>();
    for (Finding finding : model.result().findings()) {
      if (finding.status() == Status.MANUAL && finding.controlId() != null) {
        String where =
            finding.resourceId() != null
                ? finding.resourceId()
                : text(finding.provider()) + ":" + text(finding.account());
        manualScopes.computeIfAbsent(finding.controlId(), id -> new TreeSet<>()).add(where);
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Control control : model.catalog().controls()) {
      if (!control.manual() && !manualScopes.containsKey(control.id())) {
        continue;
      }
      Map<String, Object> row = control(control, counts);
      List<String> scopes = List.copyOf(manualScopes.getOrDefault(control.id(), Set.of()));
      row.put("open", scopes.subList(0, Math.min(scopes.size(), CHECKLIST_ACCOUNTS)));
      row.put("openMore", Math.max(0, scopes.size() - CHECKLIST_ACCOUNTS));
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, Object>> waivers(List<Finding> findings, boolean lapsed) {
    Map<String, Map<String, Object>> byWaiver = new TreeMap<>();
    for (Finding finding : findings) {
      Finding.WaiverRef waiver = finding.waiver();
      if (waiver == null || waiver.lapsed() != lapsed) {
        continue;
      }
      Map<String, Object> row =
          byWaiver.computeIfAbsent(
              text(waiver.id())
                  + "\u0000"
                  + text(waiver.ticket())
                  + "\u0000"
                  + text(waiver.expires()),
              key -> {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("id", text(waiver.id()));
                value.put("approver", text(waiver.approver()));
                value.put("ticket", text(waiver.ticket()));
                value.put("expires", text(waiver.expires()));
                value.put("reason", text(waiver.reason()));
                value.put("controls", new TreeSet<String>());
                value.put("resources", new ArrayList<String>());
                value.put("count", 0L);
                return value;
              });
      @SuppressWarnings("unchecked")
      Set<String> controls = (Set<String>) row.get("controls");
      controls.add(text(finding.controlId()));
      @SuppressWarnings("unchecked")
      List<String> resources = (List<String>) row.get("resources");
      if (resources.size() < WAIVER_RESOURCES) {
        resources.add(
            finding.resourceId() != null
                ? finding.resourceId()
                : text(finding.provider()) + ":" + text(finding.account()));
      }
      row.put("count", (Long) row.get("count") + 1);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> row : byWaiver.values()) {
      @SuppressWarnings("unchecked")
      Set<String> controls = (Set<String>) row.get("controls");
      row.put("controls", List.copyOf(controls));
      row.put("more", Math.max(0, (Long) row.get("count") - WAIVER_RESOURCES));
      rows.add(row);
    }
    return rows;
  }

  // --- the embedded findings ------------------------------------------------------------------

  /**
   * Writes the findings once, compactly, because every byte of the file goes through the browser's
   * HTML parser before the script runs: the low-cardinality fields are indexes into dictionaries,
   * and resources, messages and evidence are written once each and referenced by index (a resource
   * has a finding per control, and many findings share a message or evidence).
   *
   * <p>{@code res}: [provider, account, region, type, id, name, classification], the first four
   * indexes into {@code dict}; {@code msg}: the distinct messages, {@code ""} first; {@code ev}:
   * the distinct evidence objects; {@code f}: [control, status, severity, phase, resource, message,
   * evidence or -1, waiver or -1].
   */
  private static void data(ReportModel model, Writer out) throws IOException {
    List<Finding> findings = model.findings();
    Dictionary controls = new Dictionary(findings, Finding::controlId, null);
    Dictionary statuses = Dictionary.ofEnum(Status.values());
    // critical first, so an ascending sort puts the worst on top
    Dictionary severities = Dictionary.ofEnum(reversed(Severity.values()));
    Dictionary phases = Dictionary.ofEnum(Phase.values());
    Dictionary providers = new Dictionary(findings, Finding::provider, null);
    Dictionary accounts = new Dictionary(findings, Finding::account, null);
    Dictionary regions = new Dictionary(findings, Finding::region, null);
    Dictionary types = new Dictionary(findings, Finding::resourceType, null);
    Map<Finding.WaiverRef, Integer> waivers = new LinkedHashMap<>();
    Map<List<String>, Integer> resources = new LinkedHashMap<>();
    Map<String, Integer> messages = new LinkedHashMap<>();
    messages.put("", 0);
    Map<String, Integer> evidenceIndex = new HashMap<>();
    List<Map<String, JsonNode>> evidence = new ArrayList<>();
    int[][] rows = new int[findings.size()][];
    for (int i = 0; i < findings.size(); i++) {
      Finding finding = findings.get(i);
      if (finding.waiver() != null) {
        waivers.putIfAbsent(finding.waiver(), waivers.size());
      }
      int resource =
          resources.computeIfAbsent(
              List.of(
                  text(finding.provider()),
                  text(finding.account()),
                  text(finding.region()),
                  text(finding.resourceType()),
                  text(finding.resourceId()),
                  text(finding.resourceName()),
                  name(finding.classification())),
              key -> resources.size());
      int message = messages.computeIfAbsent(text(finding.message()), key -> messages.size());
      int proof = -1;
      if (finding.evidence() != null && !finding.evidence().isEmpty()) {
        Map<String, JsonNode> sorted = new TreeMap<>(finding.evidence());
        proof =
            evidenceIndex.computeIfAbsent(
                Keys.WRITER.writeValueAsString(sorted),
                key -> {
                  evidence.add(sorted);
                  return evidence.size() - 1;
                });
      }
      rows[i] =
          new int[] {
            controls.index(finding.controlId()),
            statuses.index(name(finding.status())),
            severities.index(name(finding.severity())),
            phases.index(name(finding.phase())),
            resource,
            message,
            proof,
            finding.waiver() == null ? -1 : waivers.get(finding.waiver())
          };
    }

    JsonGenerator json = HtmlSafeJson.generator(out);
    json.writeStartObject();
    json.writeNumberField("v", 2);
    json.writeStringField("lang", model.language());
    json.writeObjectFieldStart("dict");
    controls.write(json, "control");
    statuses.write(json, "status");
    severities.write(json, "severity");
    phases.write(json, "phase");
    providers.write(json, "provider");
    accounts.write(json, "account");
    regions.write(json, "region");
    types.write(json, "type");
    json.writeEndObject();

    json.writeObjectFieldStart("labels");
    writeLabels(json, "status", List.of(Status.values()), HtmlRenderer::statusLabel);
    writeLabels(json, "severity", List.of(Severity.values()), HtmlRenderer::severityLabel);
    writeLabels(json, "phase", List.of(Phase.values()), HtmlRenderer::phaseLabel);
    json.writeEndObject();

    json.writeObjectFieldStart("titles");
    for (String id : controls.values) {
      Control control = model.control(id).orElse(null);
      json.writeArrayFieldStart(id);
      json.writeString(control == null ? "" : text(control.title().en()));
      json.writeString(control == null ? "" : text(control.title().get("ja")));
      json.writeEndArray();
    }
    json.writeEndObject();

    json.writeArrayFieldStart("waivers");
    for (Finding.WaiverRef waiver : waivers.keySet()) {
      json.writeStartArray();
      json.writeString(text(waiver.id()));
      json.writeString(text(waiver.approver()));
      json.writeString(text(waiver.ticket()));
      json.writeString(text(waiver.expires()));
      json.writeBoolean(waiver.lapsed());
      json.writeString(text(waiver.reason()));
      json.writeEndArray();
    }
    json.writeEndArray();

    json.writeArrayFieldStart("res");
    for (List<String> resource : resources.keySet()) {
      json.writeStartArray();
      json.writeNumber(providers.index(resource.get(0)));
      json.writeNumber(accounts.index(resource.get(1)));
      json.writeNumber(regions.index(resource.get(2)));
      json.writeNumber(types.index(resource.get(3)));
      json.writeString(resource.get(4));
      json.writeString(resource.get(5));
      json.writeString(resource.get(6));
      json.writeEndArray();
    }
    json.writeEndArray();

    json.writeArrayFieldStart("msg");
    for (String message : messages.keySet()) {
      json.writeString(message);
    }
    json.writeEndArray();

    json.writeArrayFieldStart("ev");
    for (Map<String, JsonNode> proof : evidence) {
      json.writeStartObject();
      for (Map.Entry<String, JsonNode> entry : proof.entrySet()) {
        json.writeFieldName(entry.getKey());
        json.writeTree(entry.getValue());
      }
      json.writeEndObject();
    }
    json.writeEndArray();

    json.writeArrayFieldStart("f");
    for (int[] row : rows) {
      json.writeArray(row, 0, row.length);
    }
    json.writeEndArray();
    json.writeEndObject();
    json.flush();
  }

  private static <E extends Enum<E>> void writeLabels(
      JsonGenerator json, String field, List<E> values, Function<E, Localized> label)
      throws IOException {
    json.writeObjectFieldStart(field);
    for (E value : values) {
      json.writeArrayFieldStart(value.name());
      json.writeString(label.apply(value).en());
      json.writeString(label.apply(value).ja());
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static <E extends Enum<E>> List<Map<String, Object>> enumLabels(
      List<E> values, Function<E, Localized> label) {
    return values.stream()
        .map(
            value ->
                Map.<String, Object>of(
                    "code",
                    value.name(),
                    "en",
                    label.apply(value).en(),
                    "ja",
                    label.apply(value).ja()))
        .toList();
  }

  /** Distinct values of one field, sorted, with the empty string for a missing one. */
  private static final class Dictionary {
    final List<String> values;
    final Map<String, Integer> indexes = new HashMap<>();

    Dictionary(List<Finding> findings, Function<Finding, String> field, List<String> fixed) {
      if (fixed != null) {
        values = fixed;
      } else {
        Set<String> distinct = new TreeSet<>();
        for (Finding finding : findings) {
          distinct.add(text(field.apply(finding)));
        }
        values = List.copyOf(distinct);
      }
      for (int i = 0; i < values.size(); i++) {
        indexes.put(values.get(i), i);
      }
    }

    static Dictionary ofEnum(Enum<?>[] constants) {
      List<String> names = new ArrayList<>();
      for (Enum<?> constant : constants) {
        names.add(constant.name());
      }
      return new Dictionary(List.of(), finding -> "", names);
    }

    int index(String value) {
      return indexes.getOrDefault(text(value), -1);
    }

    void write(JsonGenerator json, String field) throws IOException {
      json.writeArrayFieldStart(field);
      for (String value : values) {
        json.writeString(value);
      }
      json.writeEndArray();
    }
  }

  // --- counts and labels ----------------------------------------------------------------------

  private static final class Counts {
    final Map<Status, Long> byStatus = new TreeMap<>();
    final Map<Severity, Long> bySeverity = new TreeMap<>();
    final Map<Phase, Long> byPhase = new TreeMap<>();
    final Map<String, long[]> byControl = new HashMap<>();
    final Map<String, Long> totalByControl = new HashMap<>();

    Counts(List<Finding> findings) {
      for (Finding finding : findings) {
        if (finding.status() != null) {
          byStatus.merge(finding.status(), 1L, Long::sum);
        }
        if (finding.severity() != null) {
          bySeverity.merge(finding.severity(), 1L, Long::sum);
        }
        if (finding.phase() != null) {
          byPhase.merge(finding.phase(), 1L, Long::sum);
        }
        if (finding.controlId() != null && finding.status() != null) {
          byControl
              .computeIfAbsent(finding.controlId(), id -> new long[Status.values().length])[
              finding.status().ordinal()]++;
          totalByControl.merge(finding.controlId(), 1L, Long::sum);
        }
      }
    }
  }

  static Localized statusLabel(Status status) {
    return switch (status) {
      case PASS -> new Localized("Pass", "適合");
      case FAIL -> new Localized("Fail", "不適合");
      case ERROR -> new Localized("Error (not evaluated)", "エラー（判定不能）");
      case NOT_APPLICABLE -> new Localized("Not applicable", "対象外");
      case WAIVED -> new Localized("Waived", "免除");
      case MANUAL -> new Localized("Manual check", "手動確認");
    };
  }

  static Localized severityLabel(Severity severity) {
    return switch (severity) {
      case CRITICAL -> new Localized("Critical", "緊急");
      case HIGH -> new Localized("High", "高");
      case MEDIUM -> new Localized("Medium", "中");
      case LOW -> new Localized("Low", "低");
    };
  }

  static Localized phaseLabel(Phase phase) {
    return new Localized(
        phase.folder().substring(0, 1).toUpperCase(Locale.ROOT) + phase.folder().substring(1),
        phase.japanese());
  }

  private static Enum<?>[] reversed(Enum<?>[] values) {
    Enum<?>[] copy = new Enum<?>[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[values.length - 1 - i];
    }
    return copy;
  }

  private static String name(Enum<?> value) {
    return value == null ? "" : value.name();
  }

  private static String localized(Localized value, String lang) {
    return value == null ? "" : text(value.get(lang));
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static String resource(String name) {
    try (InputStream in = HtmlRenderer.class.getResourceAsStream(TEMPLATES + "/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
