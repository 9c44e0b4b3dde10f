package io.lcscan.provider.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TestTerraformPlanValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void sensitiveValuesAreRemovedButRememberedAsSet() throws Exception {
    TerraformPlanValues values =
        TerraformPlanValues.of(
            json(
                "{\"password\":\"s3cret\",\"blank\":null,\"conn\":[{\"key\":\"k3y\",\"host\":\"db\"}],\"all\":{\"a\":\"x\"}}"),
            json("{}"),
            json("{\"password\":true,\"blank\":true,\"conn\":[{\"key\":true}],\"all\":true}"));
    assertThat(values.tree().toString())
        .doesNotContain("s3cret")
        .doesNotContain("k3y")
        .doesNotContain("\"x\"");
    assertThat(values.get("password")).isNull();
    assertThat(values.isSensitive("password")).isTrue();
    assertThat(values.isSet("password")).isTrue();
    assertThat(values.isSet("blank")).isFalse();
    assertThat(values.isSet("conn.0.key")).isTrue();
    assertThat(values.text("conn.0.host")).isEqualTo("db");
    assertThat(values.isSet("all.a")).isTrue();
    assertThat(values.at("conn.0").isSensitive("key")).isTrue();
  }

  @Test
  void unknownValuesAreNeverReadAsKnown() throws Exception {
    TerraformPlanValues values =
        TerraformPlanValues.of(
            json("{\"rule\":[{\"days\":30}],\"name\":\"n\"}"),
            json("{\"rule\":[{\"days\":true}],\"arn\":true,\"tags\":{\"owner\":true}}"),
            null);
    assertThat(values.isUnknown("rule.0.days")).isTrue();
    assertThat(values.get("rule.0.days")).isNull();
    assertThat(values.isUnknown("arn.suffix")).isTrue();
    assertThat(values.isUnknown("name")).isFalse();
    assertThat(values.hasUnknownInside("rule")).isTrue();
    assertThat(values.hasUnknownInside("tags")).isTrue();
    assertThat(values.at("rule.0").isUnknown("days")).isTrue();
  }

  @Test
  void wholeSideSensitive() throws Exception {
    TerraformPlanValues values = TerraformPlanValues.of(json("{\"a\":\"b\"}"), null, json("true"));
    assertThat(values.tree().isNull()).isTrue();
    assertThat(values.isSet("a")).isTrue();
  }
}
