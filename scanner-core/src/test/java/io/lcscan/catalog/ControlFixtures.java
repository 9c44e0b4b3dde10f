package io.lcscan.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lcscan.config.ApprovedServices;
import io.lcscan.config.Attestations;
import io.lcscan.config.ConfigException;
import io.lcscan.config.LcscanConfig;
import io.lcscan.config.Waivers;
import io.lcscan.config.YamlDocument;
import io.lcscan.engine.Engine;
import io.lcscan.engine.ScanResult;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import io.lcscan.spi.Status;
import io.lcscan.testing.TypeSchemas;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the fixtures of {@code src/test/resources/fixtures/controls/<ID>/*.yaml} (format in
 * docs/catalog-format.md) and reports every problem as one line.
 */
public final class ControlFixtures {
  public static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private static final Set<String> CASE_KEYS =
      Set.of(
          "name",
          "expect",
          "messageContains",
          "resource",
          "inventory",
          "settings",
          "approvedServices",
          "attestations",
          "waivers");

  private final LcscanConfig config;
  private final TypeSchemas schemas;
  private final Path root;
  private int cases;

  ControlFixtures(LcscanConfig config, TypeSchemas schemas, Path root) {
    this.config = config;
    this.schemas = schemas;
    this.root = root;
  }

  int cases() {
    return cases;
  }

  /** The fixtures folder: the source tree when run from the module, else the classpath copy. */
  static Path defaultRoot() {
    Path source = Path.of("src/test/resources/fixtures/controls");
    if (Files.isDirectory(source)) {
      return source;
    }
    URL url = ControlFixtures.class.getClassLoader().getResource("fixtures/controls");
    if (url == null) {
      return source;
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One fixture case: its file (under the fixtures folder), its name, its inventory, itself. */
  public record Case(Path file, String name, Inventory inventory, JsonNode node) {
    public String where() {
      return file + " " + name;
    }

    /** {@code config} with this case's own settings, register, attestations and waivers. */
    public LcscanConfig config(LcscanConfig config) {
      return withCaseSettings(config, node);
    }
  }

  /** Every case of every fixture file, in file order, for tests that run them another way. */
  public static List<Case> allCases() throws IOException {
    Path root = defaultRoot();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
    }
    List<Case> cases = new ArrayList<>();
    for (Path file : files) {
      JsonNode document = YamlDocument.parse(file.toString(), Files.readAllBytes(file)).root();
      for (JsonNode node : document.path("cases")) {
        List<Resource> resources = new ArrayList<>();
        if (node.has("resource")) {
          resources.add(YAML.treeToValue(node.get("resource"), Resource.class));
        }
        for (JsonNode other : node.path("inventory")) {
          resources.add(YAML.treeToValue(other, Resource.class));
        }
        cases.add(
            new Case(
                root.relativize(file),
                node.path("name").asText(),
                new Inventory(Inventory.SCHEMA_VERSION, null, resources, List.of(), List.of()),
                node));
      }
    }
    return cases;
  }

  /** {@code config} with a case's own settings, register, attestations and waivers. */
  static LcscanConfig withCaseSettings(LcscanConfig config, JsonNode node) {
    LcscanConfig result = config;
    if (node.has("settings")) {
      result = result.withSettings(result.settings().withOverrides(node.get("settings")));
    }
    if (node.has("approvedServices")) {
      result = result.withApprovedServices(ApprovedServices.fromJson(node.get("approvedServices")));
    }
    if (node.has("attestations")) {
      result = result.withAttestations(Attestations.fromJson(node.get("attestations")));
    }
    if (node.has("waivers")) {
      result = result.withWaivers(Waivers.fromJson(node.get("waivers")));
    }
    return result;
  }

  /** Control ids that have a fixtures folder. */
  List<String> fixtureControls() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory)
          .map(dir -> dir.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  /** Checks one control's fixtures, adding a line per problem. */
  void check(Control control, List<String> problems) throws IOException {
    Path dir = root.resolve(control.id());
    List<Path> files = List.of();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> list = Files.list(dir)) {
        files = list.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
      }
    }
    if (files.isEmpty()) {
      problems.add(
          control.id()
              + ": no fixtures (add src/test/resources/fixtures/controls/"
              + control.id()
              + "/<provider>.yaml with a PASS and a FAIL case per rule)");
      return;
    }
    Map<String, Set<Status>> byType = new LinkedHashMap<>();
    Set<Status> overall = EnumSet.noneOf(Status.class);
    for (Path file : files) {
      checkFile(control, file, problems, byType, overall);
    }
    if (!overall.contains(Status.PASS) || !overall.contains(Status.FAIL)) {
      problems.add(control.id() + ": needs at least one PASS and one FAIL case, has " + overall);
    }
    if (!control.manual()) {
      for (String type : control.rules().keySet()) {
        Set<Status> statuses = byType.getOrDefault(type, Set.of());
        List<String> missing = new ArrayList<>();
        if (!statuses.contains(Status.PASS)) {
          missing.add("PASS");
        }
        if (!statuses.contains(Status.FAIL)) {
          missing.add("FAIL");
        }
        if (!missing.isEmpty()) {
          problems.add(
              control.id()
                  + ": rule "
                  + type
                  + " has no "
                  + String.join(" or ", missing)
                  + " case");
        }
      }
    }
  }

  private void checkFile(
      Control control,
      Path file,
      List<String> problems,
      Map<String, Set<Status>> byType,
      Set<Status> overall) {
    String where = control.id() + " " + file.getFileName();
    JsonNode document;
    try {
      document = YamlDocument.parse(where, Files.readAllBytes(file)).root();
    } catch (CatalogException e) {
      problems.add(e.getMessage());
      return;
    } catch (IOException e) {
      problems.add(where + ": cannot read: " + oneLine(e.getMessage()));
      return;
    }
    if (document == null || !document.isObject()) {
      problems.add(where + ": a fixture file is {control, cases}");
      return;
    }
    if (!control.id().equals(document.path("control").asText())) {
      problems.add(
          where
              + ": 'control' must be "
              + control.id()
              + ", is '"
              + document.path("control").asText()
              + "'");
    }
    document
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!key.equals("control") && !key.equals("cases")) {
                problems.add(where + ": unknown key '" + key + "'");
              }
            });
    JsonNode list = document.path("cases");
    if (!list.isArray() || list.isEmpty()) {
      problems.add(where + ": no cases");
      return;
    }
    for (JsonNode node : list) {
      String name = node.path("name").asText("");
      String at = where + " \"" + name + "\"";
      cases++;
      try {
        runCase(control, node, at, problems, byType, overall);
      } catch (RuntimeException e) {
        problems.add(at + ": " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
      }
    }
  }

  private void runCase(
      Control control,
      JsonNode node,
      String at,
      List<String> problems,
      Map<String, Set<Status>> byType,
      Set<Status> overall) {
    int before = problems.size();
    if (!node.isObject()) {
      problems.add(at + ": a case is a mapping");
      return;
    }
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!CASE_KEYS.contains(key)) {
                problems.add(at + ": unknown key '" + key + "'");
              }
            });
    if (node.path("name").asText("").isBlank()) {
      problems.add(at + ": missing 'name'");
    }
    Status expect;
    try {
      expect = Status.valueOf(node.path("expect").asText(""));
    } catch (IllegalArgumentException e) {
      problems.add(
          at
              + ": 'expect' must be one of "
              + List.of(Status.values())
              + ", is '"
              + node.path("expect").asText()
              + "'");
      return;
    }
    Resource resource = null;
    if (node.has("resource")) {
      resource = resource(node.get("resource"), at, "resource", problems);
      if (resource == null) {
        return;
      }
    } else if (!control.manual() || !control.manualTypes().isEmpty()) {
      problems.add(at + ": missing 'resource'");
      return;
    }
    List<Resource> inventory = new ArrayList<>();
    if (resource != null) {
      inventory.add(resource);
    }
    JsonNode others = node.path("inventory");
    if (!others.isMissingNode() && !others.isArray()) {
      problems.add(at + ": 'inventory' must be a list of resources");
      return;
    }
    for (int i = 0; i < others.size(); i++) {
      Resource other = resource(others.get(i), at, "inventory[" + i + "]", problems);
      if (other != null) {
        inventory.add(other);
      }
    }
    for (Resource each : inventory) {
      schemas.problems(each).forEach(problem -> problems.add(at + ": schema: " + problem));
    }
    if (resource != null && !control.manual() && !control.rules().containsKey(resource.type())) {
      problems.add(at + ": the control has no rule for " + resource.type());
      return;
    }
    if (problems.size() > before) {
      return;
    }
    LcscanConfig caseConfig;
    try {
      caseConfig = withCaseSettings(config, node);
    } catch (ConfigException e) {
      problems.add(at + ": " + oneLine(e.getMessage()));
      return;
    }
    Engine engine = new Engine(caseConfig, Clock.fixed(NOW, ZoneOffset.UTC));
    ScanResult result =
        engine.evaluate(
            new Inventory(Inventory.SCHEMA_VERSION, null, inventory, List.of(), List.of()),
            NOW,
            candidate -> candidate.id().equals(control.id()));
    Optional<Finding> finding = select(result.findings(), resource);
    if (finding.isEmpty()) {
      problems.add(at + ": expected " + expect + ", got no finding");
      return;
    }
    Finding got = finding.get();
    if (got.status() != expect) {
      problems.add(
          at
              + ": expected "
              + expect
              + ", got "
              + got.status()
              + (got.message() == null ? "" : ": " + got.message()));
      return;
    }
    String contains = node.path("messageContains").asText(null);
    if (contains != null && (got.message() == null || !got.message().contains(contains))) {
      problems.add(at + ": message does not contain '" + contains + "': " + got.message());
      return;
    }
    overall.add(expect);
    if (resource != null) {
      byType.computeIfAbsent(resource.type(), type -> EnumSet.noneOf(Status.class)).add(expect);
    }
  }

  private static Optional<Finding> select(List<Finding> findings, Resource resource) {
    if (resource == null) {
      return findings.stream().findFirst();
    }
    Optional<Finding> exact =
        findings.stream()
            .filter(
                f ->
                    resource.id().equals(f.resourceId())
                        && resource.type().equals(f.resourceType()))
            .findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    return findings.stream()
        .filter(f -> f.resourceId() == null && resource.account().equals(f.account()))
        .findFirst();
  }

  private static Resource resource(JsonNode node, String at, String what, List<String> problems) {
    try {
      Resource resource = YAML.treeToValue(node, Resource.class);
      if (resource == null) {
        problems.add(at + ": " + what + " is empty");
      }
      return resource;
    } catch (IOException | RuntimeException e) {
      problems.add(at + ": " + what + " is not a resource: " + oneLine(e.getMessage()));
      return null;
    }
  }

  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
