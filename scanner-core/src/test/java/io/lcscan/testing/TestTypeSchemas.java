package io.lcscan.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.config.ConfigSource;
import io.lcscan.engine.TestConfigs;
import io.lcscan.spi.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestTypeSchemas {
  private final TypeSchemas schemas =
      TypeSchemas.load(ConfigSource.directory(TestConfigs.testConfigDirectory()));

  @Test
  void validResourceHasNoProblems() throws Exception {
    assertThat(
            schemas.problems(key("{\"keyManager\":\"CUSTOMER\",\"deletion\":{\"windowDays\":30}}")))
        .isEmpty();
  }

  @Test
  void problemsNameTypeIdAndPath() throws Exception {
    assertThat(
            schemas.problems(
                key(
                    "{\"keyManager\":\"OTHER\",\"deletion\":{\"window\":30},\"createdAt\":\"yesterday\"}")))
        .containsExactly(
            "aws.kms.key k1: attributes.createdAt: does not match the date-time pattern must be a valid RFC 3339 date-time",
            "aws.kms.key k1: attributes.deletion: property 'window' is not defined in the schema and the schema does not allow additional properties",
            "aws.kms.key k1: attributes.keyManager: does not have a value in the enumeration [\"AWS\", \"CUSTOMER\"]");
  }

  @Test
  void unknownTypeIsAProblem() {
    Resource resource = Resource.builder("aws", "aws.s4.bucket", "b1").build();
    assertThat(schemas.problems(resource))
        .containsExactly(
            "aws.s4.bucket b1: unknown resource type (no config/types/aws.s4.bucket.json)");
  }

  @Test
  void bundledSchemasAssertValid() {
    assertThat(TypeSchemas.bundled().types()).isNotEmpty();
    assertThatThrownBy(
            () ->
                TypeSchemas.assertAllValid(
                    List.of(Resource.builder("aws", "aws.s4.bucket", "b1").build())))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "1 resource schema error(s):\n  aws.s4.bucket b1: unknown resource type (no config/types/aws.s4.bucket.json)");
  }

  private static Resource key(String attributes) throws Exception {
    return Resource.builder("aws", "aws.kms.key", "k1")
        .attributes((ObjectNode) new ObjectMapper().readTree(attributes))
        .build();
  }
}
