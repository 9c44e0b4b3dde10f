package io.lcscan.provider.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** A small builder, so that each type mapping reads as a table. */
final class TerraformMapping {
  private final String terraformType;
  private final String resourceType;
  private final TerraformFieldTable.Builder fields = TerraformFieldTable.builder();
  private boolean global;
  private BiConsumer<TerraformMappingContext, TerraformAttributeWriter> custom;

  private TerraformMapping(String terraformType, String resourceType) {
    this.terraformType = terraformType;
    this.resourceType = resourceType;
  }

  static TerraformMapping map(String terraformType, String resourceType) {
    return new TerraformMapping(terraformType, resourceType);
  }

  TerraformMapping bool(String from, String to) {
    fields.bool(from, to);
    return this;
  }

  TerraformMapping integer(String from, String to) {
    fields.integer(from, to);
    return this;
  }

  TerraformMapping text(String from, String to) {
    fields.text(from, to);
    return this;
  }

  TerraformMapping field(String from, String to, Function<JsonNode, JsonNode> convert) {
    fields.field(from, to, convert);
    return this;
  }

  TerraformMapping global() {
    this.global = true;
    return this;
  }

  TerraformMapping with(BiConsumer<TerraformMappingContext, TerraformAttributeWriter> function) {
    BiConsumer<TerraformMappingContext, TerraformAttributeWriter> previous = custom;
    custom = previous == null ? function : previous.andThen(function);
    return this;
  }

  TerraformTypeMapping build() {
    return new TerraformTypeMapping(terraformType, resourceType, global, fields.build(), custom);
  }
}
