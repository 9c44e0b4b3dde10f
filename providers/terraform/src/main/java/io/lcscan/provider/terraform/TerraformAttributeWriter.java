package io.lcscan.provider.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lcscan.spi.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects one resource's normalized attributes. A value that is only known after apply is recorded
 * as an unknown path instead, and a later known value for the same path (from a companion) replaces
 * it.
 */
final class TerraformAttributeWriter {
  private final ObjectNode attributes = JsonNodeFactory.instance.objectNode();
  private final Set<String> unknown = new TreeSet<>();
  private final List<ResourceRef> references = new ArrayList<>();
  private String name;
  private String region;
  private Map<String, String> tags;

  void put(String path, JsonNode value) {
    if (value == null || value.isNull()) {
      return;
    }
    String[] parts = path.split("\\.");
    ObjectNode node = attributes;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], value);
    unknown.remove(path);
  }

  void put(String path, boolean value) {
    put(path, BooleanNode.valueOf(value));
  }

  void put(String path, long value) {
    put(path, LongNode.valueOf(value));
  }

  void put(String path, String value) {
    if (value != null) {
      put(path, TextNode.valueOf(value));
    }
  }

  /** Marks a path as known only after apply; any value already written there is dropped. */
  void unknown(String path) {
    remove(path);
    unknown.add(path);
  }

  private void remove(String path) {
    String[] parts = path.split("\\.");
    JsonNode node = attributes;
    for (int i = 0; i < parts.length - 1 && node != null; i++) {
      node = node.get(parts[i]);
    }
    if (node instanceof ObjectNode object) {
      object.remove(parts[parts.length - 1]);
    }
  }

  boolean has(String path) {
    JsonNode node = attributes;
    for (String part : path.split("\\.")) {
      node = node == null ? null : node.get(part);
    }
    return node != null;
  }

  boolean isUnknown(String path) {
    return unknown.contains(path);
  }

  void reference(String relation, String type, String id) {
    if (id != null) {
      references.add(new ResourceRef(relation, type, id));
    }
  }

  void name(String value) {
    if (value != null && !value.isEmpty()) {
      this.name = value;
    }
  }

  String name() {
    return name;
  }

  /** Sets the region where the resource does not carry it itself (a key ring's keys). */
  void region(String value) {
    if (value != null && !value.isEmpty()) {
      this.region = value;
    }
  }

  String region() {
    return region;
  }

  /** Replaces the provider's usual tag fields (Cloud SQL keeps its labels in settings). */
  void tags(Map<String, String> value) {
    this.tags = value == null ? null : new TreeMap<>(value);
  }

  Map<String, String> tags() {
    return tags;
  }

  ObjectNode attributes() {
    return attributes;
  }

  Set<String> unknownPaths() {
    // an unknown path under a known one that was removed by a later write is no longer meaningful
    Set<String> out = new TreeSet<>();
    for (String path : unknown) {
      if (!has(path)) {
        out.add(path);
      }
    }
    return out;
  }

  List<ResourceRef> references() {
    return references;
  }
}
