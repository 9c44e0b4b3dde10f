package io.lcscan.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The loaded catalog: controls, frameworks and resource types, with every rule compiled. Built by
 * {@code io.lcscan.config.LcscanConfig.load}.
 */
public final class Catalog {
  /** The version of the catalog format and content; the digest pins the exact files. */
  public static final String CATALOG_VERSION = "2026.11.0";

  private final List<Control> controls;
  private final Map<String, Control> controlsById;
  private final List<Framework> frameworks;
  private final Map<String, ResourceTypeSchema> types;
  private final Map<String, Map<String, CompiledRule>> rules;
  private final String digest;

  /**
   * @param rules compiled rules by control id, then by resource type
   * @param digest SHA-256 (hex) of the catalog, type and framework files
   */
  public Catalog(
      List<Control> controls,
      List<Framework> frameworks,
      Map<String, ResourceTypeSchema> types,
      Map<String, Map<String, CompiledRule>> rules,
      String digest) {
    requireNonNull(controls, "controls is null");
    requireNonNull(frameworks, "frameworks is null");
    requireNonNull(types, "types is null");
    requireNonNull(rules, "rules is null");
    this.controls = controls.stream().sorted(Comparator.comparing(Control::id)).toList();
    Map<String, Control> byId = new LinkedHashMap<>();
    this.controls.forEach(control -> byId.put(control.id(), control));
    this.controlsById = java.util.Collections.unmodifiableMap(byId);
    this.frameworks = frameworks.stream().sorted(Comparator.comparing(Framework::id)).toList();
    this.types = java.util.Collections.unmodifiableMap(new TreeMap<>(types));
    Map<String, Map<String, CompiledRule>> copy = new TreeMap<>();
    rules.forEach(
        (id, byType) ->
            copy.put(id, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byType))));
    this.rules = java.util.Collections.unmodifiableMap(copy);
    this.digest = requireNonNull(digest, "digest is null");
  }

  /** Every control, sorted by id. */
  public List<Control> controls() {
    return controls;
  }

  public Optional<Control> control(String id) {
    return Optional.ofNullable(controlsById.get(id));
  }

  public List<Framework> frameworks() {
    return frameworks;
  }

  public Optional<Framework> framework(String id) {
    return frameworks.stream().filter(framework -> framework.id().equals(id)).findFirst();
  }

  /** Resource type schemas by type name, sorted. */
  public Map<String, ResourceTypeSchema> types() {
    return types;
  }

  /** The compiled rules of a control by resource type; empty for manual controls. */
  public Map<String, CompiledRule> rules(String controlId) {
    return rules.getOrDefault(controlId, Map.of());
  }

  public String version() {
    return CATALOG_VERSION;
  }

  public String digest() {
    return digest;
  }
}
