package io.lcscan.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A normalized resource type and the JSON Schema of its {@code attributes}, from {@code
 * config/types/<name>.json}.
 *
 * @param dataStore {@code x-lcscan.dataStore}: objects, blocks, databases, backups, log archives
 * @param liveOnly {@code x-lcscan.liveOnly}: attribute paths that only the running service can
 *     report (creation times, usage, health and status from other services), so a Terraform plan
 *     never carries them
 */
public record ResourceTypeSchema(
    String name,
    String provider,
    String description,
    boolean dataStore,
    JsonNode schema,
    Set<String> liveOnly) {

  public ResourceTypeSchema {
    requireNonNull(name, "name is null");
    requireNonNull(schema, "schema is null");
    provider = provider == null ? name.substring(0, Math.max(0, name.indexOf('.'))) : provider;
    description = description == null ? "" : description;
    if (liveOnly == null) {
      Set<String> paths = new LinkedHashSet<>();
      schema.path("x-lcscan").path("liveOnly").forEach(path -> paths.add(path.asText()));
      liveOnly = paths;
    }
    liveOnly = Set.copyOf(liveOnly);
  }

  public ResourceTypeSchema(
      String name, String provider, String description, boolean dataStore, JsonNode schema) {
    this(name, provider, description, dataStore, schema, null);
  }

  /** Whether a plan can never carry the attribute path, nor anything under it. */
  public boolean isLiveOnly(String path) {
    for (String live : liveOnly) {
      if (path.equals(live) || path.startsWith(live + ".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the schema defines the attribute path. Arrays are stepped through (a path under an
   * array names a property of its items), as are local {@code $ref}s, {@code anyOf}/{@code
   * oneOf}/{@code allOf} branches and {@code additionalProperties} schemas of free-form maps.
   */
  public boolean hasPath(List<String> path) {
    return hasPath(schema, path, 0, 0);
  }

  private boolean hasPath(JsonNode node, List<String> path, int index, int depth) {
    if (node == null || depth > 64) {
      return false;
    }
    node = resolve(node);
    if (index == path.size()) {
      return true;
    }
    String segment = path.get(index);
    JsonNode property = node.path("properties").get(segment);
    if (property != null && hasPath(property, path, index + 1, depth + 1)) {
      return true;
    }
    JsonNode additional = node.get("additionalProperties");
    if (additional != null
        && additional.isObject()
        && hasPath(additional, path, index + 1, depth + 1)) {
      return true;
    }
    JsonNode items = node.get("items");
    if (items != null && items.isObject() && hasPath(items, path, index, depth + 1)) {
      return true;
    }
    for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
      for (JsonNode branch : node.path(combinator)) {
        if (hasPath(branch, path, index, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the path names an array (so a comprehension over it iterates its items). */
  public boolean isArray(List<String> path) {
    JsonNode node = find(schema, path, 0, 0);
    return node != null && ("array".equals(node.path("type").asText()) || node.has("items"));
  }

  private JsonNode find(JsonNode node, List<String> path, int index, int depth) {
    if (node == null || depth > 64) {
      return null;
    }
    node = resolve(node);
    if (index == path.size()) {
      return node;
    }
    JsonNode property = node.path("properties").get(path.get(index));
    if (property != null) {
      return find(property, path, index + 1, depth + 1);
    }
    JsonNode items = node.get("items");
    if (items != null && items.isObject()) {
      return find(items, path, index, depth + 1);
    }
    return null;
  }

  private JsonNode resolve(JsonNode node) {
    for (int i = 0; i < 16 && node.has("$ref"); i++) {
      String ref = node.get("$ref").asText();
      if (!ref.startsWith("#")) {
        return node;
      }
      JsonNode target = schema.at(ref.substring(1));
      if (target.isMissingNode()) {
        return node;
      }
      node = target;
    }
    return node;
  }
}
