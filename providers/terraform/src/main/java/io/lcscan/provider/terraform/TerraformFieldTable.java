package io.lcscan.provider.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The declarative part of a mapper: Terraform argument path to normalized attribute path, with a
 * conversion. An unknown argument becomes an unknown attribute; an absent or null one stays absent.
 */
final class TerraformFieldTable {
  private record Field(String from, String to, Function<JsonNode, JsonNode> convert) {}

  private final List<Field> fields;

  private TerraformFieldTable(List<Field> fields) {
    this.fields = List.copyOf(fields);
  }

  static Builder builder() {
    return new Builder();
  }

  void apply(TerraformPlanValues values, TerraformAttributeWriter out) {
    for (Field field : fields) {
      copy(values, field.from(), out, field.to(), field.convert());
    }
  }

  /** Copies one value; usable on its own by the hand-written parts of a mapper. */
  static void copy(
      TerraformPlanValues values,
      String from,
      TerraformAttributeWriter out,
      String to,
      Function<JsonNode, JsonNode> convert) {
    if (values.isUnknown(from)) {
      out.unknown(to);
      return;
    }
    JsonNode value = values.get(from);
    if (value != null) {
      JsonNode converted = convert.apply(value);
      if (converted != null && !converted.isNull()) {
        out.put(to, converted);
      }
    }
  }

  static JsonNode asBoolean(JsonNode value) {
    if (value.isBoolean()) {
      return value;
    }
    if (value.isTextual() && ("true".equals(value.asText()) || "false".equals(value.asText()))) {
      return BooleanNode.valueOf(Boolean.parseBoolean(value.asText()));
    }
    return null;
  }

  static JsonNode asInteger(JsonNode value) {
    if (value.canConvertToLong() && value.isIntegralNumber()) {
      return LongNode.valueOf(value.longValue());
    }
    if (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue())) {
      return LongNode.valueOf((long) value.doubleValue());
    }
    if (value.isTextual()) {
      try {
        return LongNode.valueOf(Long.parseLong(value.asText().trim()));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  static JsonNode asText(JsonNode value) {
    if (value.isTextual()) {
      return value.asText().isEmpty() ? null : value;
    }
    return value.isValueNode() ? TextNode.valueOf(value.asText()) : null;
  }

  static final class Builder {
    private final List<Field> fields = new ArrayList<>();

    Builder bool(String from, String to) {
      return field(from, to, TerraformFieldTable::asBoolean);
    }

    Builder integer(String from, String to) {
      return field(from, to, TerraformFieldTable::asInteger);
    }

    Builder text(String from, String to) {
      return field(from, to, TerraformFieldTable::asText);
    }

    Builder field(String from, String to, Function<JsonNode, JsonNode> convert) {
      fields.add(new Field(from, to, convert));
      return this;
    }

    TerraformFieldTable build() {
      return new TerraformFieldTable(fields);
    }
  }
}
