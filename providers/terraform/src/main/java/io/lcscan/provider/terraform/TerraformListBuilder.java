package io.lcscan.provider.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Builds a normalized list (of strings or objects) from Terraform values. Any value the list needs
 * that is unknown makes the whole list unknown: a partial list could hide the offending entry.
 */
final class TerraformListBuilder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ArrayNode items = NODES.arrayNode();
  private boolean unknown;

  boolean unknown() {
    return unknown;
  }

  void markUnknown() {
    unknown = true;
  }

  ArrayNode items() {
    return items;
  }

  /** Adds one object element built by the function; its copies record unknowns here. */
  void addObject(TerraformPlanValues values, BiConsumer<TerraformPlanValues, Element> element) {
    Element out = new Element(this);
    element.accept(values, out);
    items.add(out.node);
  }

  void addText(String value) {
    if (value != null) {
      items.add(value);
    }
  }

  /** Every element of the Terraform list at {@code path}, each mapped by {@code element}. */
  TerraformListBuilder each(
      TerraformPlanValues values, String path, BiConsumer<TerraformPlanValues, Element> element) {
    if (values.isUnknown(path)) {
      unknown = true;
      return this;
    }
    int size = values.size(path);
    for (int i = 0; i < size; i++) {
      addObject(values.at(path + "." + i), element);
    }
    return this;
  }

  /** Every string of the Terraform list or set at {@code path}. */
  TerraformListBuilder strings(TerraformPlanValues values, String path) {
    if (values.isUnknown(path)) {
      unknown = true;
      return this;
    }
    JsonNode list = values.get(path);
    if (list != null && list.isArray()) {
      for (int i = 0; i < list.size(); i++) {
        if (values.isUnknown(path + "." + i)) {
          unknown = true;
        } else if (list.get(i).isValueNode() && !list.get(i).isNull()) {
          items.add(list.get(i).asText());
        }
      }
    }
    return this;
  }

  void writeTo(TerraformAttributeWriter out, String path) {
    if (unknown) {
      out.unknown(path);
    } else {
      out.put(path, items);
    }
  }

  /** One object element of the list. */
  static final class Element {
    private final TerraformListBuilder list;
    private final ObjectNode node = NODES.objectNode();

    private Element(TerraformListBuilder list) {
      this.list = list;
    }

    Element copy(
        TerraformPlanValues values, String from, String to, Function<JsonNode, JsonNode> convert) {
      if (values.isUnknown(from)) {
        list.unknown = true;
        return this;
      }
      JsonNode value = values.get(from);
      JsonNode converted = value == null ? null : convert.apply(value);
      if (converted != null && !converted.isNull()) {
        node.set(to, converted);
      }
      return this;
    }

    Element text(TerraformPlanValues values, String from, String to) {
      return copy(values, from, to, TerraformFieldTable::asText);
    }

    /** For identifiers the entry does without: an unknown one is left out, not the whole list. */
    Element textIfKnown(TerraformPlanValues values, String from, String to) {
      return values.isUnknown(from) ? this : text(values, from, to);
    }

    Element integer(TerraformPlanValues values, String from, String to) {
      return copy(values, from, to, TerraformFieldTable::asInteger);
    }

    Element bool(TerraformPlanValues values, String from, String to) {
      return copy(values, from, to, TerraformFieldTable::asBoolean);
    }

    Element strings(TerraformPlanValues values, String from, String to) {
      TerraformListBuilder inner = new TerraformListBuilder().strings(values, from);
      if (inner.unknown) {
        list.unknown = true;
      } else {
        node.set(to, inner.items);
      }
      return this;
    }

    Element put(String to, String value) {
      if (value != null) {
        node.set(to, TextNode.valueOf(value));
      }
      return this;
    }

    Element put(String to, boolean value) {
      node.set(to, BooleanNode.valueOf(value));
      return this;
    }

    Element put(String to, long value) {
      node.set(to, LongNode.valueOf(value));
      return this;
    }

    Element put(String to, JsonNode value) {
      if (value != null && !value.isNull()) {
        node.set(to, value);
      }
      return this;
    }

    void markUnknown() {
      list.unknown = true;
    }
  }
}
