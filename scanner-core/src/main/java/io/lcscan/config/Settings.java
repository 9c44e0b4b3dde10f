package io.lcscan.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.catalog.CatalogException;
import io.lcscan.catalog.CelValues;
import io.lcscan.spi.Classification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code config/settings.yaml}: limits and tag names, read by rules as {@code settings}. */
public final class Settings {
  /** Tag roles rules name through {@code tagOf(role)}. */
  public static final List<String> TAG_ROLES =
      List.of(
          "classification",
          "owner",
          "system",
          "approval",
          "phase",
          "sunsetDate",
          "disposalApproval");

  private final ObjectNode tree;
  private final Map<String, Object> celValue;
  private final Map<String, String> tagKeys;
  private final Classification defaultClassification;
  private final Set<String> globalRegions;

  private Settings(ObjectNode tree, Map<String, String> tagKeys, Classification defaultClass) {
    this.tree = tree;
    @SuppressWarnings("unchecked")
    Map<String, Object> value = (Map<String, Object>) CelValues.fromJsonEagerly(tree);
    this.celValue = value;
    this.tagKeys = Map.copyOf(tagKeys);
    this.defaultClassification = defaultClass;
    Set<String> regions = new LinkedHashSet<>();
    regions.add("global");
    tree.path("globalRegions").forEach(region -> regions.add(region.asText()));
    this.globalRegions = Collections.unmodifiableSet(regions);
  }

  /** Builds settings from a tree; problems are thrown together. */
  public static Settings fromJson(JsonNode tree) {
    List<CatalogException> problems = new ArrayList<>();
    Settings settings = parse(tree, new Fields("settings", problems));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return settings;
  }

  static Settings parse(JsonNode tree, Fields fields) {
    ObjectNode object =
        tree != null && tree.isObject()
            ? ((ObjectNode) tree).deepCopy()
            : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    if (tree != null && !tree.isObject()) {
      fields.problem("", "settings must be a mapping");
    }
    Map<String, String> tagKeys = new java.util.HashMap<>();
    JsonNode tags = object.path("tags");
    if (!tags.isObject()) {
      fields.problem("", "missing 'tags' (the tag names of each role)");
    } else {
      for (String role : TAG_ROLES) {
        JsonNode key = tags.get(role);
        if (key == null || !key.isTextual() || key.asText().isBlank()) {
          fields.problem("/tags", "missing tag name 'tags." + role + "'");
        } else {
          tagKeys.put(role, key.asText().toLowerCase(Locale.ROOT));
        }
      }
    }
    Classification defaultClass = Classification.C2;
    JsonNode configured = object.get("defaultClassification");
    if (configured != null) {
      var parsed = Classification.fromTag(configured.asText());
      if (parsed.isEmpty()) {
        fields.problem(
            "/defaultClassification",
            "defaultClassification must be C1, C2 or C3, got '" + configured.asText() + "'");
      } else {
        defaultClass = parsed.get();
      }
    }
    JsonNode globalRegions = object.get("globalRegions");
    if (globalRegions != null && !globalRegions.isArray()) {
      fields.problem("/globalRegions", "globalRegions must be a list");
    }
    return new Settings(object, tagKeys, defaultClass);
  }

  /**
   * The settings with {@code overrides} deep-merged over them (objects merge, the rest replace).
   */
  public Settings withOverrides(JsonNode overrides) {
    requireNonNull(overrides, "overrides is null");
    ObjectNode merged = tree.deepCopy();
    merge(merged, overrides);
    return fromJson(merged);
  }

  private static void merge(ObjectNode target, JsonNode overrides) {
    overrides
        .properties()
        .forEach(
            field -> {
              JsonNode existing = target.get(field.getKey());
              if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
              } else {
                target.set(field.getKey(), field.getValue().deepCopy());
              }
            });
  }

  /** The settings as written, a copy. */
  public ObjectNode tree() {
    return tree.deepCopy();
  }

  /** The settings as CEL sees them (an immutable {@code CelMap}). */
  public Map<String, Object> celValue() {
    return celValue;
  }

  /** The tag key (lowercased) of a role such as {@code classification}, or null. */
  public String tagKey(String role) {
    return tagKeys.get(role);
  }

  public Classification defaultClassification() {
    return defaultClassification;
  }

  /** Region names of global services, always including {@code global}. */
  public Set<String> globalRegions() {
    return globalRegions;
  }
}
