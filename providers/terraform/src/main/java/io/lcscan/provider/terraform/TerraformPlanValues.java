package io.lcscan.provider.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One side of a planned change ({@code after} or {@code before}) with its unknown and sensitive
 * markers.
 *
 * <p>Sensitive values are removed when the view is built, so nothing downstream can copy them; the
 * view only remembers whether each one was set. Paths are dotted, with list indexes as numbers:
 * {@code rule.0.apply_server_side_encryption_by_default.0.sse_algorithm}.
 */
final class TerraformPlanValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final TerraformPlanValues ABSENT =
      new TerraformPlanValues(NullNode.getInstance(), null, null);

  private final JsonNode values;
  private final JsonNode unknown;
  // mirrors the sensitive paths: true where the removed value was set, false where it was null
  private final JsonNode sensitiveSet;

  private TerraformPlanValues(JsonNode values, JsonNode unknown, JsonNode sensitiveSet) {
    this.values = values == null ? NullNode.getInstance() : values;
    this.unknown = unknown;
    this.sensitiveSet = sensitiveSet;
  }

  /**
   * Builds a view from the raw plan trees; {@code raw} itself is not kept.
   *
   * @param unknown {@code after_unknown} (or null for {@code before}, which is always known)
   * @param sensitive {@code after_sensitive} or {@code before_sensitive}
   */
  static TerraformPlanValues of(JsonNode raw, JsonNode unknown, JsonNode sensitive) {
    if (raw == null || raw.isNull() || raw.isMissingNode()) {
      return new TerraformPlanValues(NullNode.getInstance(), unknown, null);
    }
    if (isTrue(sensitive)) {
      return new TerraformPlanValues(
          NullNode.getInstance(), unknown, BooleanNode.valueOf(!raw.isNull()));
    }
    JsonNode marks = sensitive == null ? null : markSet(raw, sensitive);
    return new TerraformPlanValues(strip(raw, sensitive), unknown, marks);
  }

  private static boolean isTrue(JsonNode node) {
    return node != null && node.isBoolean() && node.booleanValue();
  }

  // a deep copy of raw without the subtrees that sensitive marks true
  private static JsonNode strip(JsonNode raw, JsonNode sensitive) {
    if (sensitive == null || !(sensitive.isObject() || sensitive.isArray())) {
      return raw;
    }
    if (raw.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (Map.Entry<String, JsonNode> field : raw.properties()) {
        JsonNode mark = sensitive.isObject() ? sensitive.get(field.getKey()) : null;
        if (isTrue(mark)) {
          continue;
        }
        out.set(field.getKey(), strip(field.getValue(), mark));
      }
      return out;
    }
    if (raw.isArray()) {
      ArrayNode out = NODES.arrayNode();
      for (int i = 0; i < raw.size(); i++) {
        JsonNode mark = sensitive.isArray() ? sensitive.get(i) : null;
        // keep positions so indexes still match the unknown tree
        out.add(isTrue(mark) ? NullNode.getInstance() : strip(raw.get(i), mark));
      }
      return out;
    }
    return raw;
  }

  private static JsonNode markSet(JsonNode raw, JsonNode sensitive) {
    if (isTrue(sensitive)) {
      return BooleanNode.valueOf(raw != null && !raw.isNull() && !raw.isMissingNode());
    }
    if (sensitive.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (Map.Entry<String, JsonNode> field : sensitive.properties()) {
        JsonNode child = raw == null ? null : raw.get(field.getKey());
        JsonNode mark = markSet(child, field.getValue());
        if (mark != null) {
          out.set(field.getKey(), mark);
        }
      }
      return out.isEmpty() ? null : out;
    }
    if (sensitive.isArray()) {
      ArrayNode out = NODES.arrayNode();
      boolean any = false;
      for (int i = 0; i < sensitive.size(); i++) {
        JsonNode child = raw == null ? null : raw.get(i);
        JsonNode mark = markSet(child, sensitive.get(i));
        any |= mark != null;
        out.add(mark == null ? NullNode.getInstance() : mark);
      }
      return any ? out : null;
    }
    return null;
  }

  private static JsonNode step(JsonNode node, String segment) {
    if (node == null) {
      return null;
    }
    if (node.isArray()) {
      if (segment.isEmpty() || !Character.isDigit(segment.charAt(0))) {
        return null;
      }
      try {
        return node.get(Integer.parseInt(segment));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return node.isObject() ? node.get(segment) : null;
  }

  private static String[] segments(String path) {
    return path.isEmpty() ? new String[0] : path.split("\\.");
  }

  // true when a marker tree says true at the path or at any prefix of it
  private static boolean markedAlong(JsonNode marks, String path) {
    JsonNode node = marks;
    if (isTrue(node)) {
      return true;
    }
    for (String segment : segments(path)) {
      node = step(node, segment);
      if (node == null) {
        return false;
      }
      if (isTrue(node)) {
        return true;
      }
    }
    return false;
  }

  /** The known, non-sensitive value at the path, or null when absent, null, unknown or hidden. */
  JsonNode get(String path) {
    if (isUnknown(path)) {
      return null;
    }
    JsonNode node = values;
    for (String segment : segments(path)) {
      node = step(node, segment);
      if (node == null) {
        return null;
      }
    }
    return node.isNull() || node.isMissingNode() ? null : node;
  }

  /** Whether the side has the argument at all, even as null or unknown (it is in the schema). */
  boolean has(String path) {
    if (isUnknown(path)) {
      return true;
    }
    JsonNode node = values;
    for (String segment : segments(path)) {
      node = step(node, segment);
      if (node == null) {
        return false;
      }
    }
    return true;
  }

  String text(String path) {
    JsonNode node = get(path);
    return node != null && node.isValueNode() ? node.asText() : null;
  }

  Boolean bool(String path) {
    JsonNode node = get(path);
    return node != null && node.isBoolean() ? node.booleanValue() : null;
  }

  Long number(String path) {
    JsonNode node = get(path);
    return node != null && node.canConvertToLong() ? node.longValue() : null;
  }

  /** Whether the value at the path is only known after apply. */
  boolean isUnknown(String path) {
    return unknown != null && markedAlong(unknown, path);
  }

  /** Whether any value inside the path is unknown (the path itself, or a part of it). */
  boolean hasUnknownInside(String path) {
    if (isUnknown(path)) {
      return true;
    }
    JsonNode node = unknown;
    for (String segment : segments(path)) {
      node = step(node, segment);
      if (node == null) {
        return false;
      }
    }
    return containsTrue(node);
  }

  private static boolean containsTrue(JsonNode node) {
    if (isTrue(node)) {
      return true;
    }
    if (node != null && node.isContainerNode()) {
      for (JsonNode child : node) {
        if (containsTrue(child)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the value at the path is sensitive (its value was removed from this view). */
  boolean isSensitive(String path) {
    return sensitiveSet != null && markedAlongAny(sensitiveSet, path);
  }

  private static boolean markedAlongAny(JsonNode marks, String path) {
    JsonNode node = marks;
    if (node.isBoolean()) {
      return true;
    }
    for (String segment : segments(path)) {
      node = step(node, segment);
      if (node == null || node.isNull()) {
        return false;
      }
      if (node.isBoolean()) {
        return true;
      }
    }
    return false;
  }

  /** Whether a value is set at the path: known and non-null, or sensitive and non-null. */
  boolean isSet(String path) {
    if (isSensitive(path)) {
      return markedAlong(sensitiveSet, path);
    }
    return get(path) != null;
  }

  /** The sub-view at a path, for walking a nested block or a list element. */
  TerraformPlanValues at(String path) {
    JsonNode node = values;
    JsonNode unknownNode = unknown;
    JsonNode sensitiveNode = sensitiveSet;
    for (String segment : segments(path)) {
      node = step(node, segment);
      unknownNode = isTrue(unknownNode) ? unknownNode : step(unknownNode, segment);
      sensitiveNode =
          sensitiveNode != null && sensitiveNode.isBoolean()
              ? sensitiveNode
              : step(sensitiveNode, segment);
    }
    return new TerraformPlanValues(node, unknownNode, sensitiveNode);
  }

  /** The number of elements of the list at the path (0 when absent or unknown). */
  int size(String path) {
    JsonNode node = get(path);
    return node != null && node.isArray() ? node.size() : 0;
  }

  /** Whether this side has no values at all (a create's {@code before}, a delete's after). */
  boolean isAbsent() {
    return values.isNull() && unknown == null && sensitiveSet == null;
  }

  /** The sanitized tree; it holds no sensitive value. */
  JsonNode tree() {
    return values;
  }
}
