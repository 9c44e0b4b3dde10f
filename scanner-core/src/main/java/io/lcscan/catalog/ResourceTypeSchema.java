package io.lcscan.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A normalized resource type and the JSON Schema of its {@code attributes}, from {@code
 * config/types/<name>.json}.
 *
 * @param dataStore {@code x-lcscan.dataStore}: objects, blocks, databases, backups, log archives
 */
public record ResourceTypeSchema(
    String name, String provider, String description, boolean dataStore, JsonNode schema) {

  public ResourceTypeSchema {
    requireNonNull(name, "name is null");
    requireNonNull(schema, "schema is null");
    provider = provider == null ? name.substring(0, Math.max(0, name.indexOf('.'))) : provider;
    description = description == null ? "" : description;
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
