package io.lcscan.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lcscan.catalog.Catalog;
import io.lcscan.catalog.CatalogException;
import io.lcscan.catalog.ClauseRef;
import io.lcscan.catalog.CompiledRule;
import io.lcscan.catalog.Control;
import io.lcscan.catalog.Framework;
import io.lcscan.catalog.Localized;
import io.lcscan.catalog.PrecompiledRules;
import io.lcscan.catalog.ResourceTypeSchema;
import io.lcscan.catalog.RuleCompiler;
import io.lcscan.spi.Classification;
import io.lcscan.spi.Phase;
import io.lcscan.spi.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads and validates a {@link ConfigSource}, collecting every problem instead of stopping. */
final class ConfigLoader {
  private static final Pattern TYPE_NAME = Pattern.compile("[a-z0-9]+(\\.[a-z0-9]+(-[a-z0-9]+)*)+");
  private static final Pattern CONTROL_ID = Pattern.compile("LC-[A-Z]+-[0-9]{2,}");
  private static final Set<String> CONTROL_KEYS =
      Set.of(
          "id",
          "phase",
          "severity",
          "title",
          "minClassification",
          "clauses",
          "rationale",
          "remediation",
          "evidence",
          "rules",
          "manual",
          "evidenceToAttach",
          "manualTypes");
  private static final Set<String> FRAMEWORK_KEYS = Set.of("id", "name", "clauses", "source");
  private static final Set<String> CLAUSE_KEYS = Set.of("ref", "title", "verified", "controls");

  private final ConfigSource source;
  private final PrecompiledRules precompiled;
  // the build's trees of exactly these files, or null: then every file is read and parsed
  private final PrebuiltCatalog prebuilt;
  private final List<CatalogException> problems = new ArrayList<>();

  ConfigLoader(ConfigSource source, PrecompiledRules precompiled) {
    this(source, precompiled, null);
  }

  ConfigLoader(ConfigSource source, PrecompiledRules precompiled, PrebuiltCatalog prebuilt) {
    this.source = new ReadOnce(source);
    this.precompiled = precompiled;
    this.prebuilt = prebuilt;
  }

  // built on first use: a catalog loaded from its prebuilt trees parses no JSON
  private static final class JsonHolder {
    static final ObjectMapper JSON = new ObjectMapper();
  }

  /** A type schema's tree, parsed as the loader parses it. */
  static JsonNode parseJson(byte[] bytes) {
    try {
      return JsonHolder.JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A YAML file of the catalog: the build's tree when there is one, else parsed from its bytes. */
  private YamlDocument yaml(String path) {
    if (prebuilt != null) {
      JsonNode tree = prebuilt.tree(path);
      if (tree != null) {
        return YamlDocument.of(source.displayName(path), tree);
      }
    }
    return YamlDocument.parse(source.displayName(path), source.read(path).orElseThrow());
  }

  /** Keeps what was read, since the digest reads every catalog file again. */
  private static final class ReadOnce implements ConfigSource {
    private final ConfigSource source;
    private final Map<String, Optional<byte[]>> read = new HashMap<>();

    ReadOnce(ConfigSource source) {
      this.source = source;
    }

    @Override
    public List<String> list(String folder) {
      return source.list(folder);
    }

    @Override
    public Optional<byte[]> read(String path) {
      Optional<byte[]> bytes = read.get(path);
      if (bytes == null) {
        bytes = source.read(path);
        read.put(path, bytes);
      }
      return bytes;
    }

    @Override
    public String displayName(String path) {
      return source.displayName(path);
    }

    @Override
    public String toString() {
      return source.toString();
    }
  }

  LcscanConfig.LoadResult load() {
    Settings settings = guarded("settings.yaml", this::loadSettings, null);
    if (settings == null) {
      settings =
          Settings.parse(
              com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
              new Fields("settings", new ArrayList<>()));
    }
    ApprovedServices approvedServices =
        guarded(
            "approved-services.yaml",
            () ->
                loadDocument("approved-services.yaml", true)
                    .map(doc -> ApprovedServices.parse(doc.root(), new Fields(doc, problems)))
                    .orElse(ApprovedServices.empty()),
            ApprovedServices.empty());
    Waivers waivers =
        guarded(
            "waivers.yaml",
            () ->
                loadDocument("waivers.yaml", false)
                    .map(doc -> Waivers.parse(doc.root(), new Fields(doc, problems)))
                    .orElse(Waivers.empty()),
            Waivers.empty());
    Attestations attestations =
        guarded(
            "attestations.yaml",
            () ->
                loadDocument("attestations.yaml", false)
                    .map(doc -> Attestations.parse(doc.root(), new Fields(doc, problems)))
                    .orElse(Attestations.empty()),
            Attestations.empty());

    Map<String, ResourceTypeSchema> types = loadTypes();
    Map<String, FrameworkFile> frameworks = loadFrameworks();
    String digest = digest();
    // rules compiled from this very catalog at build time are taken as they are
    RuleCompiler compiler = new RuleCompiler(types, precompiled.forCatalog(digest));
    Map<String, ControlFile> controls = new TreeMap<>();
    Set<String> brokenControlIds = new TreeSet<>();
    for (String path : source.list("controls")) {
      guarded(
          path, () -> loadControl(path, types, frameworks, compiler, controls, brokenControlIds));
    }
    checkClauseLists(frameworks, controls, brokenControlIds);

    Map<String, Map<String, CompiledRule>> rules = new TreeMap<>();
    controls.values().forEach(file -> rules.put(file.control.id(), file.rules));
    Catalog catalog =
        new Catalog(
            controls.values().stream().map(ControlFile::control).toList(),
            frameworks.values().stream().map(FrameworkFile::framework).toList(),
            types,
            rules,
            digest);
    List<CatalogException> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparing(CatalogException::file).thenComparing(CatalogException::line));
    return new LcscanConfig.LoadResult(
        new LcscanConfig(catalog, settings, approvedServices, waivers, attestations), sorted);
  }

  private interface Step {
    void run();
  }

  /** Like {@link #guarded(String, Step)}, for a step with a result; {@code fallback} on failure. */
  private <T> T guarded(String path, java.util.function.Supplier<T> step, T fallback) {
    Object[] result = {fallback};
    guarded(path, () -> result[0] = step.get());
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }

  /** Runs one file's step; an unexpected exception becomes a problem of that file. */
  private void guarded(String path, Step step) {
    try {
      step.run();
    } catch (CatalogException e) {
      problems.add(e);
    } catch (RuntimeException e) {
      problems.add(
          new CatalogException(
              source.displayName(path),
              0,
              "cannot load: "
                  + e.getClass().getSimpleName()
                  + ": "
                  + YamlDocument.oneLine(e.getMessage())));
    }
  }

  private Optional<YamlDocument> loadDocument(String path, boolean required) {
    if (prebuilt != null) {
      // the store holds exactly the root files the source has
      JsonNode tree = prebuilt.tree(path);
      if (tree != null) {
        return Optional.of(YamlDocument.of(source.displayName(path), tree));
      }
      if (required) {
        problems.add(new CatalogException(source.displayName(path), 0, "file not found"));
      }
      return Optional.empty();
    }
    Optional<byte[]> bytes;
    try {
      bytes = source.read(path);
    } catch (RuntimeException e) {
      problems.add(
          new CatalogException(source.displayName(path), 0, "cannot read: " + e.getMessage()));
      return Optional.empty();
    }
    if (bytes.isEmpty()) {
      if (required) {
        problems.add(new CatalogException(source.displayName(path), 0, "file not found"));
      }
      return Optional.empty();
    }
    try {
      return Optional.of(YamlDocument.parse(source.displayName(path), bytes.get()));
    } catch (CatalogException e) {
      problems.add(e);
      return Optional.empty();
    } catch (RuntimeException e) {
      problems.add(
          new CatalogException(
              source.displayName(path),
              0,
              "cannot parse: " + YamlDocument.oneLine(e.getMessage())));
      return Optional.empty();
    }
  }

  private Settings loadSettings() {
    Optional<YamlDocument> document = loadDocument("settings.yaml", true);
    if (document.isEmpty()) {
      return Settings.parse(
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
          new Fields(source.displayName("settings.yaml"), new ArrayList<>()));
    }
    return Settings.parse(document.get().root(), new Fields(document.get(), problems));
  }

  // ---- types

  private Map<String, ResourceTypeSchema> loadTypes() {
    Map<String, ResourceTypeSchema> types = new TreeMap<>();
    for (String path : source.list("types")) {
      guarded(path, () -> loadType(path, types));
    }
    return types;
  }

  private void loadType(String path, Map<String, ResourceTypeSchema> types) {
    String file = source.displayName(path);
    String fileName = path.substring(path.lastIndexOf('/') + 1);
    if (!fileName.endsWith(".json")) {
      problems.add(new CatalogException(file, 0, "a type file must be <type>.json"));
      return;
    }
    String name = fileName.substring(0, fileName.length() - ".json".length());
    JsonNode schema = prebuilt != null ? prebuilt.tree(path) : null;
    try {
      if (schema == null) {
        schema = JsonHolder.JSON.readTree(source.read(path).orElseThrow());
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
      problems.add(
          new CatalogException(
              file, line, "not valid JSON: " + YamlDocument.oneLine(e.getOriginalMessage())));
      return;
    } catch (java.io.IOException e) {
      problems.add(new CatalogException(file, 0, "cannot read: " + e.getMessage()));
      return;
    }
    if (schema == null || !schema.isObject()) {
      problems.add(new CatalogException(file, 1, "a type schema must be a JSON object"));
      return;
    }
    // for the line of a problem only
    java.util.function.Supplier<String> text =
        () -> new String(source.read(path).orElseThrow(), StandardCharsets.UTF_8);
    boolean ok = true;
    if (!TYPE_NAME.matcher(name).matches()) {
      problems.add(
          new CatalogException(
              file,
              1,
              "type name '"
                  + name
                  + "' is not <provider>.<service>.<resource> (lowercase, words joined by -)"));
    }
    JsonNode title = schema.get("title");
    if (title == null || !title.isTextual()) {
      problems.add(new CatalogException(file, 1, "missing \"title\" (the type name)"));
      ok = false;
    } else if (!title.asText().equals(name)) {
      problems.add(
          new CatalogException(
              file,
              lineOf(text.get(), "\"title\""),
              "\"title\" '"
                  + title.asText()
                  + "' does not match the file name '"
                  + fileName
                  + "'"));
    }
    JsonNode properties = schema.get("properties");
    if (properties == null || !properties.isObject()) {
      problems.add(new CatalogException(file, 1, "missing \"properties\" (the attributes object)"));
      ok = false;
    }
    String provider = schema.path("x-lcscan").path("provider").asText(null);
    String expectedProvider = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    if (provider != null && !provider.equals(expectedProvider)) {
      problems.add(
          new CatalogException(
              file,
              lineOf(text.get(), "\"provider\""),
              "x-lcscan.provider '" + provider + "' does not match the type name"));
    }
    if (ok) {
      types.put(
          name,
          new ResourceTypeSchema(
              name,
              expectedProvider,
              schema.path("description").asText(""),
              schema.path("x-lcscan").path("dataStore").asBoolean(false),
              schema));
    }
  }

  private static int lineOf(String text, String needle) {
    int index = text.indexOf(needle);
    if (index < 0) {
      return 1;
    }
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  // ---- frameworks

  private record FrameworkFile(
      Framework framework, YamlDocument document, Map<String, Integer> clauseIndex) {}

  private Map<String, FrameworkFile> loadFrameworks() {
    Map<String, FrameworkFile> frameworks = new TreeMap<>();
    for (String path : source.list("frameworks")) {
      guarded(path, () -> loadFramework(path, frameworks));
    }
    return frameworks;
  }

  private void loadFramework(String path, Map<String, FrameworkFile> frameworks) {
    String fileName = path.substring(path.lastIndexOf('/') + 1);
    if (!fileName.endsWith(".yaml")) {
      problems.add(
          new CatalogException(source.displayName(path), 0, "a framework file must be <id>.yaml"));
      return;
    }
    YamlDocument document = yaml(path);
    Fields fields = new Fields(document, problems);
    JsonNode root = document.root();
    if (!root.isObject()) {
      fields.problem("", "a framework file must be a mapping");
      return;
    }
    fields.unknownKeys(root, "", FRAMEWORK_KEYS);
    String expectedId = fileName.substring(0, fileName.length() - ".yaml".length());
    String id = fields.string(root, "", "id");
    if (id != null && !id.equals(expectedId)) {
      fields.problem("/id", "id '" + id + "' does not match the file name '" + fileName + "'");
    }
    Localized name = localized(root, "", "name", fields);
    List<Framework.Clause> clauses = new ArrayList<>();
    Map<String, Integer> clauseIndex = new LinkedHashMap<>();
    JsonNode list = root.get("clauses");
    if (list == null || !list.isArray() || list.isEmpty()) {
      fields.problem(
          list == null ? "" : "/clauses", "a framework needs a non-empty 'clauses' list");
    } else {
      for (int i = 0; i < list.size(); i++) {
        JsonNode node = list.get(i);
        String at = "/clauses/" + i;
        if (!node.isObject()) {
          fields.problem(at, "a clause must be a mapping");
          continue;
        }
        fields.unknownKeys(node, at, CLAUSE_KEYS);
        String ref = fields.string(node, at, "ref");
        Localized title = localized(node, at, "title", fields);
        JsonNode verified = node.get("verified");
        if (verified != null && !verified.isBoolean()) {
          fields.problem(at + "/verified", "'verified' must be true or false");
        }
        List<String> controls = fields.strings(node, at, "controls");
        if (ref == null) {
          continue;
        }
        if (clauseIndex.containsKey(ref)) {
          fields.problem(at + "/ref", "duplicate clause '" + ref + "'");
          continue;
        }
        clauseIndex.put(ref, i);
        clauses.add(
            new Framework.Clause(ref, title, verified != null && verified.asBoolean(), controls));
      }
    }
    String frameworkId = id != null ? id : expectedId;
    if (frameworks.containsKey(frameworkId)) {
      fields.problem("/id", "duplicate framework id '" + frameworkId + "'");
      return;
    }
    frameworks.put(
        frameworkId,
        new FrameworkFile(new Framework(frameworkId, name, clauses), document, clauseIndex));
  }

  // ---- controls

  private record ControlFile(
      Control control,
      YamlDocument document,
      Map<String, CompiledRule> rules,
      List<String> clausePointers) {}

  private void loadControl(
      String path,
      Map<String, ResourceTypeSchema> types,
      Map<String, FrameworkFile> frameworks,
      RuleCompiler compiler,
      Map<String, ControlFile> controls,
      Set<String> brokenControlIds) {
    String file = source.displayName(path);
    String[] parts = path.split("/");
    String fileName = parts[parts.length - 1];
    if (!fileName.endsWith(".yaml")) {
      problems.add(
          new CatalogException(file, 0, "a control file must be controls/<phase>/<ID>.yaml"));
      return;
    }
    String expectedId = fileName.substring(0, fileName.length() - ".yaml".length());
    String folder = parts.length == 3 ? parts[1] : null;
    YamlDocument document;
    try {
      document = yaml(path);
    } catch (CatalogException e) {
      brokenControlIds.add(expectedId);
      throw e;
    }
    Fields fields = new Fields(document, problems);
    JsonNode root = document.root();
    if (!root.isObject()) {
      fields.problem("", "a control file must be a mapping");
      brokenControlIds.add(expectedId);
      return;
    }
    fields.unknownKeys(root, "", CONTROL_KEYS);

    String id = fields.string(root, "", "id");
    if (id != null && !id.equals(expectedId)) {
      fields.problem("/id", "id '" + id + "' does not match the file name '" + fileName + "'");
    } else if (id != null && !CONTROL_ID.matcher(id).matches()) {
      fields.problem("/id", "id '" + id + "' is not LC-<PHASE>-<NN>");
    }
    if (id == null) {
      id = expectedId;
    }

    Phase phase = null;
    String phaseText = fields.string(root, "", "phase");
    if (phaseText != null) {
      try {
        phase = Phase.parse(phaseText);
      } catch (IllegalArgumentException e) {
        fields.problem(
            "/phase",
            "unknown phase '"
                + phaseText
                + "' ("
                + Arrays.stream(Phase.values()).map(Enum::name).collect(Collectors.joining("|"))
                + ")");
      }
    }
    if (folder == null) {
      fields.problem("", "a control file must be in a phase folder: controls/<phase>/" + fileName);
    } else if (Arrays.stream(Phase.values()).noneMatch(p -> p.folder().equals(folder))) {
      fields.problem("", "folder 'controls/" + folder + "' is not a phase folder");
    } else if (phase != null && !phase.folder().equals(folder)) {
      fields.problem(
          "/phase",
          "phase "
              + phase
              + " does not match the folder 'controls/"
              + folder
              + "' (move the file to controls/"
              + phase.folder()
              + "/)");
    }

    Severity severity = null;
    String severityText = fields.string(root, "", "severity");
    if (severityText != null) {
      try {
        severity = Severity.parse(severityText);
      } catch (IllegalArgumentException e) {
        fields.problem(
            "/severity", "unknown severity '" + severityText + "' (low|medium|high|critical)");
      }
    }

    Localized title = localized(root, "", "title", fields);
    Localized rationale = localized(root, "", "rationale", fields);
    Localized remediation = localized(root, "", "remediation", fields);

    Classification minClassification = null;
    JsonNode min = root.get("minClassification");
    if (min != null && !min.isNull()) {
      minClassification = Classification.fromTag(min.asText()).orElse(null);
      if (minClassification == null) {
        fields.problem(
            "/minClassification",
            "minClassification must be C1, C2 or C3, got '" + min.asText() + "'");
      }
    }

    // clauses
    List<ClauseRef> clauses = new ArrayList<>();
    List<String> clausePointers = new ArrayList<>();
    JsonNode clauseList = root.get("clauses");
    if (clauseList == null
        || clauseList.isNull()
        || (clauseList.isArray() && clauseList.isEmpty())) {
      fields.problem(
          clauseList == null ? "" : "/clauses",
          "no clauses: a control cites at least one framework clause");
    } else if (!clauseList.isArray()) {
      fields.problem("/clauses", "'clauses' must be a list");
    } else {
      Set<String> seen = new LinkedHashSet<>();
      for (int i = 0; i < clauseList.size(); i++) {
        JsonNode node = clauseList.get(i);
        String at = "/clauses/" + i;
        if (!node.isObject()) {
          fields.problem(at, "a clause must be {framework, ref}");
          continue;
        }
        fields.unknownKeys(node, at, Set.of("framework", "ref"));
        String framework = fields.string(node, at, "framework");
        String ref = fields.string(node, at, "ref");
        if (framework == null || ref == null) {
          continue;
        }
        if (!seen.add(framework + " " + ref)) {
          fields.problem(at, "clause " + framework + " '" + ref + "' is cited twice");
          continue;
        }
        FrameworkFile frameworkFile = frameworks.get(framework);
        if (frameworkFile == null) {
          fields.problem(
              at + "/framework",
              "unknown framework '"
                  + framework
                  + "' (no config/frameworks/"
                  + framework
                  + ".yaml"
                  + (frameworks.isEmpty()
                      ? ")"
                      : "; known: " + String.join(", ", frameworks.keySet()) + ")"));
          continue;
        }
        Integer index = frameworkFile.clauseIndex().get(ref);
        if (index == null) {
          fields.problem(
              at + "/ref",
              "clause '" + ref + "' does not exist in " + frameworkFile.document().file());
          continue;
        }
        Framework.Clause clause =
            frameworkFile.framework().clauses().stream()
                .filter(c -> c.ref().equals(ref))
                .findFirst()
                .orElseThrow();
        clauses.add(new ClauseRef(framework, ref, clause.title(), clause.verified()));
        clausePointers.add(at);
      }
    }

    // evidence
    List<Localized> evidence = new ArrayList<>();
    JsonNode evidenceList = root.get("evidence");
    if (evidenceList != null && !evidenceList.isNull()) {
      if (!evidenceList.isArray()) {
        fields.problem("/evidence", "'evidence' must be a list of {en, ja}");
      } else {
        for (int i = 0; i < evidenceList.size(); i++) {
          JsonNode item = evidenceList.get(i);
          String at = "/evidence/" + i;
          if (!item.isObject()) {
            fields.problem(at, "an evidence item must be {en, ja}");
            continue;
          }
          fields.unknownKeys(item, at, Set.of("en", "ja"));
          evidence.add(localizedNode(item, at, "evidence", fields));
        }
      }
    }

    // rules
    Map<String, String> ruleSources = new LinkedHashMap<>();
    Map<String, CompiledRule> compiled = new LinkedHashMap<>();
    JsonNode rulesNode = root.get("rules");
    if (rulesNode != null && !rulesNode.isNull()) {
      if (!rulesNode.isObject()) {
        fields.problem("/rules", "'rules' must map resource types to CEL rules");
      } else {
        final String controlId = id;
        rulesNode
            .properties()
            .forEach(
                entry -> {
                  String type = entry.getKey();
                  String at = "/rules/" + type.replace("~", "~0").replace("/", "~1");
                  if (!entry.getValue().isTextual()) {
                    fields.problem(at, "the rule for " + type + " must be a CEL expression (text)");
                    return;
                  }
                  String ruleSource = entry.getValue().asText();
                  ruleSources.put(type, ruleSource);
                  if (!types.containsKey(type)) {
                    fields.problem(
                        at,
                        "unknown resource type '" + type + "' (no config/types/" + type + ".json)");
                  }
                  RuleCompiler.Compilation compilation =
                      compiler.compile(controlId, type, ruleSource);
                  compilation.problems().forEach(problem -> fields.problem(at, problem));
                  compilation.rule().ifPresent(rule -> compiled.put(type, rule));
                });
      }
    }

    // manual
    boolean manual = false;
    JsonNode manualNode = root.get("manual");
    if (manualNode != null && !manualNode.isNull()) {
      if (!manualNode.isBoolean()) {
        fields.problem("/manual", "'manual' must be true or false");
      } else {
        manual = manualNode.asBoolean();
      }
    }
    Map<String, List<String>> evidenceToAttach = new TreeMap<>();
    JsonNode attach = root.get("evidenceToAttach");
    if (attach != null && !attach.isNull()) {
      if (!manual) {
        fields.problem("/evidenceToAttach", "'evidenceToAttach' is only for manual controls");
      }
      if (!attach.isObject()) {
        fields.problem("/evidenceToAttach", "'evidenceToAttach' must be {en: [...], ja: [...]}");
      } else {
        fields.unknownKeys(attach, "/evidenceToAttach", Set.of("en", "ja"));
        for (String language : List.of("en", "ja")) {
          evidenceToAttach.put(language, fields.strings(attach, "/evidenceToAttach", language));
        }
      }
    }
    List<String> manualTypes = fields.strings(root, "", "manualTypes");
    for (int i = 0; i < manualTypes.size(); i++) {
      if (!types.containsKey(manualTypes.get(i))) {
        fields.problem(
            "/manualTypes/" + i,
            "unknown resource type '"
                + manualTypes.get(i)
                + "' (no config/types/"
                + manualTypes.get(i)
                + ".json)");
      }
    }
    if (!manualTypes.isEmpty() && !manual) {
      fields.problem("/manualTypes", "'manualTypes' is only for manual controls");
    }
    if (manual && !ruleSources.isEmpty()) {
      fields.problem("/rules", "a manual control has no rules");
    }
    if (!manual && ruleSources.isEmpty()) {
      fields.problem(
          rulesNode == null ? "" : "/rules",
          "the control has no rules and is not manual (add rules, or manual: true)");
    }

    if (controls.containsKey(id)) {
      fields.problem(
          "/id", "duplicate id '" + id + "' (also in " + controls.get(id).control().file() + ")");
      return;
    }
    if (phase == null || severity == null) {
      brokenControlIds.add(id);
      return;
    }
    Control control =
        new Control(
            id,
            phase,
            severity,
            title,
            minClassification,
            clauses,
            rationale,
            remediation,
            evidence,
            ruleSources,
            manual,
            evidenceToAttach,
            manualTypes,
            file);
    controls.put(id, new ControlFile(control, document, compiled, clausePointers));
  }

  private Localized localized(JsonNode parent, String pointer, String key, Fields fields) {
    JsonNode node = parent.get(key);
    String at = pointer + "/" + key;
    if (node == null || node.isNull()) {
      fields.problem(pointer, "missing '" + key + "' (en and ja)");
      return new Localized("", "");
    }
    if (!node.isObject()) {
      fields.problem(at, "'" + key + "' must be {en, ja}");
      return new Localized(node.asText(), "");
    }
    fields.unknownKeys(node, at, Set.of("en", "ja"));
    return localizedNode(node, at, key, fields);
  }

  private Localized localizedNode(JsonNode node, String at, String name, Fields fields) {
    String[] texts = new String[2];
    List<String> languages = List.of("en", "ja");
    for (int i = 0; i < 2; i++) {
      String language = languages.get(i);
      JsonNode text = node.get(language);
      if (text == null || !text.isValueNode() || text.isNull() || text.asText().isBlank()) {
        fields.problem(
            text == null ? at : at + "/" + language,
            "missing " + displayKey(at, name) + "." + language);
        texts[i] = "";
      } else {
        texts[i] = text.asText().strip();
      }
    }
    return new Localized(texts[0], texts[1]);
  }

  private static String displayKey(String pointer, String name) {
    String dotted = pointer.substring(1).replace('/', '.');
    return dotted.isEmpty() ? name : dotted;
  }

  // ---- cross checks

  private void checkClauseLists(
      Map<String, FrameworkFile> frameworks,
      Map<String, ControlFile> controls,
      Set<String> brokenControlIds) {
    Map<String, Set<String>> citing = new HashMap<>();
    for (ControlFile file : controls.values()) {
      for (ClauseRef clause : file.control().clauses()) {
        citing
            .computeIfAbsent(clause.framework() + "\u0000" + clause.ref(), k -> new TreeSet<>())
            .add(file.control().id());
      }
    }
    for (FrameworkFile file : frameworks.values()) {
      Fields fields = new Fields(file.document(), problems);
      List<Framework.Clause> clauses = file.framework().clauses();
      for (Framework.Clause clause : clauses) {
        int index = file.clauseIndex().get(clause.ref());
        String at = "/clauses/" + index + "/controls";
        Set<String> expected =
            citing.getOrDefault(file.framework().id() + "\u0000" + clause.ref(), Set.of());
        Set<String> listed = new TreeSet<>(clause.controls());
        for (String id : listed) {
          if (expected.contains(id) || brokenControlIds.contains(id)) {
            continue;
          }
          if (!controls.containsKey(id)) {
            fields.problem(at, "clause '" + clause.ref() + "' lists unknown control " + id);
          } else {
            fields.problem(
                at,
                "clause '"
                    + clause.ref()
                    + "' lists "
                    + id
                    + ", which does not cite it (add it to "
                    + id
                    + "'s clauses or remove it here)");
          }
        }
        for (String id : expected) {
          if (!listed.contains(id)) {
            fields.problem(
                at,
                "clause '"
                    + clause.ref()
                    + "' omits "
                    + id
                    + ", which cites it (add "
                    + id
                    + " to its controls)");
          }
        }
      }
    }
  }

  // ---- digest

  private String digest() {
    if (prebuilt != null) {
      // computed by this method at build time, from files of the same sizes and CRC-32s
      return prebuilt.digest();
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      List<String> paths = new ArrayList<>();
      for (String folder : List.of("controls", "frameworks", "types")) {
        paths.addAll(source.list(folder));
      }
      paths.sort(Comparator.naturalOrder());
      for (String path : paths) {
        sha.update(path.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(source.read(path).orElse(new byte[0]));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      problems.add(
          new CatalogException(
              "config", 0, "cannot compute the catalog digest: " + e.getMessage()));
      return "";
    }
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
