package io.lcscan.provider.terraform;

import static io.lcscan.provider.terraform.TerraformPlanFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming tree reader against databind's readTree: same trees, same errors and positions. */
class TestTerraformJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectReader STRICT =
      MAPPER
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .reader()
          .forType(JsonNode.class);
  private static final ObjectMapper LENIENT = new ObjectMapper();

  private interface Read {
    JsonNode read(InputStream in) throws IOException;
  }

  // what the plan reader makes of an input: the typed tree, or the error it would report
  private static String outcome(byte[] input, Read read) {
    try {
      JsonNode root = read.read(new ByteArrayInputStream(input));
      return root == null || root.isMissingNode() ? "empty" : describe(root);
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      boolean truncated =
          e instanceof JsonEOFException
              || String.valueOf(e.getOriginalMessage()).contains("end-of-input");
      return location == null
          ? "error 0:0 " + truncated
          : "error " + location.getLineNr() + ":" + location.getColumnNr() + " " + truncated;
    } catch (IOException e) {
      return "io " + e.getClass().getSimpleName();
    }
  }

  private static String describe(JsonNode node) {
    StringBuilder out = new StringBuilder();
    describe(node, out);
    return out.toString();
  }

  private static void describe(JsonNode node, StringBuilder out) {
    out.append(node.getClass().getSimpleName());
    if (node.isObject()) {
      out.append('{');
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        out.append(field.getKey()).append('=');
        describe(field.getValue(), out);
        out.append(',');
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (JsonNode element : node) {
        describe(element, out);
        out.append(',');
      }
      out.append(']');
    } else {
      out.append('(').append(node.toString()).append(')');
    }
  }

  static Stream<String> inputs() {
    List<String> inputs = new ArrayList<>();
    inputs.add("{\"a\": 1,}");
    inputs.add("{\"a\" 1}");
    inputs.add("{\"a\": [1, 2}");
    inputs.add("{\"a\": tru}");
    inputs.add("{\"a\": \"x");
    inputs.add("{\n  \"a\": {\n    \"b\": [1, 2,");
    inputs.add("{\n  \"a\": {\"b\": [1, 2]}\n  ");
    inputs.add("{} {}");
    inputs.add("{}\n\n  x");
    inputs.add("[1] ]");
    inputs.add("\"text\" 1");
    inputs.add("Terraform will perform the following actions:");
    inputs.add("   \n  ");
    inputs.add("null");
    inputs.add("42");
    inputs.add("{\"a\": 01}");
    inputs.add("{\"a\": \"\u0001\"}");
    inputs.add("{\"a\": NaN}");
    inputs.add("{\"a\": 1e999, \"b\": -0, \"c\": 1.0e2, \"d\": 0.1}");
    inputs.add("{\"i\": 2147483647, \"l\": 2147483648, \"b\": 12345678901234567890123}");
    inputs.add("{\"a\": 1.5, \"b\": [], \"a\": {\"x\": [true, false, null]}}");
    inputs.add("\uFEFF{\"a\": 1}");
    inputs.add("{\"a\": \"\\u00e9\\n\\\"\", \"\u00e9\": \"\u4e2d\"}");
    inputs.add("{\"a\": \"\\q\"}");
    inputs.add("[[[[[[[[]]]]]]]]");
    inputs.add("[".repeat(1001) + "]".repeat(1001));
    inputs.add("[".repeat(999) + "]".repeat(999));
    inputs.add("{\"a\": [{}, [], {\"b\": [{\"c\": 1}]}]}\n");
    inputs.add("{\"a\":1}/* c */");
    inputs.add("{\"a\":1}\n{\"b\":2}");
    return inputs.stream();
  }

  // the plan reader's parse, with every deferred value built where it stands
  private static JsonNode readPlan(InputStream in) throws IOException {
    return materialize(TerraformJson.readPlan(in.readAllBytes()));
  }

  private static JsonNode materialize(JsonNode node) throws IOException {
    JsonNode built = TerraformJson.resolve(node);
    if (built != node) {
      assertThat(built).isNotNull();
      return materialize(built);
    }
    if (node != null && node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        object.replace(name, materialize(object.get(name)));
      }
    } else if (node != null && node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, materialize(array.get(i)));
      }
    }
    return node;
  }

  private static int deferred(JsonNode node) {
    if (node instanceof POJONode) {
      return 1;
    }
    int count = 0;
    for (JsonNode child : node) {
      count += deferred(child);
    }
    return count;
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void documentsAsDatabindReadsThem(String input) {
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    String expected = outcome(bytes, STRICT::readTree);
    assertThat(outcome(bytes, TerraformJson::readDocument)).isEqualTo(expected);
    assertThat(outcome(bytes, TestTerraformJson::readPlan)).isEqualTo(expected);
  }

  static Stream<String> plans() {
    String resource =
        "{\"address\": \"module.m[\\\"a\\\"].aws_s3_bucket.b\", \"mode\": \"managed\","
            + " \"values\": VALUES, \"sensitive_values\": {\"tags\": {}, \"x\": [true]}}";
    String module =
        "{\"address\": \"module.m\", \"resources\": [RESOURCE, RESOURCE],"
            + " \"child_modules\": [{\"resources\": [RESOURCE]}]}";
    String plan =
        "{\"format_version\": \"1.2\",\n \"values\": {\"resources\": [RESOURCE]},\n"
            + " \"planned_values\": {\"values\": [1], \"root_module\": {\"resources\": [RESOURCE],\n"
            + "  \"child_modules\": [MODULE, MODULE], \"values\": {\"a\": 1}}, \"resources\": [RESOURCE]},\n"
            + " \"resource_changes\": [RESOURCE]}";
    String full = plan.replace("MODULE", module).replace("RESOURCE", resource);
    List<String> plans = new ArrayList<>();
    plans.add(full.replace("VALUES", "{\"bucket\": \"b\", \"n\": [1, 2.5, null, {\"d\": [[]]}]}"));
    plans.add(full.replace("VALUES", "[]"));
    plans.add(full.replace("VALUES", "null"));
    plans.add(full.replace("VALUES", "\"text\""));
    plans.add("\uFEFF" + full.replace("VALUES", "{\"bucket\": \"\u00e9\u4e2d\"}"));
    // errors inside the values that the plan reader skips
    plans.add(full.replace("VALUES", "{\"bucket\": tru}"));
    plans.add(full.replace("VALUES", "{\"bucket\": \"\u0001\"}"));
    plans.add(full.replace("VALUES", "{\"bucket\": [1, }"));
    plans.add(full.replace("VALUES", "{\"a\": " + "[".repeat(1000) + "]".repeat(1000) + "}"));
    String cut = full.replace("VALUES", "{\"bucket\": \"b\", \"list\": [1, 2, 3]}");
    plans.add(cut.substring(0, cut.indexOf("\"list\"") + 12));
    return plans.stream();
  }

  @ParameterizedTest
  @MethodSource("plans")
  void plansAsDatabindReadsThem(String input) throws IOException {
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    String expected = outcome(bytes, STRICT::readTree);
    assertThat(outcome(bytes, TestTerraformJson::readPlan)).isEqualTo(expected);
    if (expected.startsWith("ObjectNode")) {
      // 1 resource in root_module, 2 x 3 in the child modules: values and sensitive_values of each
      // a resource's values that are not a container are built as they are
      boolean scalar = input.contains("\"values\": null") || input.contains("\"values\": \"");
      int containers = scalar ? 1 : 2;
      assertThat(deferred(TerraformJson.readPlan(bytes))).isEqualTo(7 * containers);
    }
  }

  @Test
  void utf16PlansAreReadWhole() throws IOException {
    String plan =
        "{\"planned_values\": {\"root_module\": {\"resources\": [{\"values\": {\"a\": 1}}]}}}";
    byte[] bytes = ("\uFEFF" + plan).getBytes(StandardCharsets.UTF_16BE);
    assertThat(outcome(bytes, TestTerraformJson::readPlan))
        .isEqualTo(outcome(bytes, STRICT::readTree));
    assertThat(deferred(TerraformJson.readPlan(bytes))).isZero();
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void embeddedJsonAsDatabindReadsIt(String input) {
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    String expected =
        outcome(
            bytes, in -> LENIENT.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    String actual =
        outcome(
            bytes,
            in ->
                TerraformAwsMappings.parseJson(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    if (input.isBlank()) {
      assertThat(actual).isEqualTo("empty");
    } else if (expected.startsWith("error")) {
      // parseJson swallows parse errors
      assertThat(actual).isEqualTo("empty");
    } else {
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Test
  void invalidUtf8AtTheSamePosition() {
    byte[] prefix = "{\"a\": [\"ok\",\n \"".getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[prefix.length + 4];
    System.arraycopy(prefix, 0, input, 0, prefix.length);
    input[prefix.length] = (byte) 0xC3;
    input[prefix.length + 1] = (byte) 0x28;
    input[prefix.length + 2] = '"';
    input[prefix.length + 3] = ']';
    String expected = outcome(input, STRICT::readTree);
    assertThat(expected).startsWith("error 2:");
    assertThat(outcome(input, TerraformJson::readDocument)).isEqualTo(expected);
    assertThat(outcome(input, TestTerraformJson::readPlan)).isEqualTo(expected);
    // and in the values the plan reader skips
    byte[] head =
        "{\"planned_values\": {\"root_module\": {\"resources\": [{\"values\": {\"a\":\n \""
            .getBytes(StandardCharsets.UTF_8);
    byte[] skipped = new byte[head.length + 2];
    System.arraycopy(head, 0, skipped, 0, head.length);
    skipped[head.length] = (byte) 0xC3;
    skipped[head.length + 1] = (byte) 0x28;
    byte[] plan =
        (new String(skipped, StandardCharsets.ISO_8859_1) + "\"}}]}}}")
            .getBytes(StandardCharsets.ISO_8859_1);
    String planExpected = outcome(plan, STRICT::readTree);
    assertThat(planExpected).startsWith("error 2:");
    assertThat(outcome(plan, TestTerraformJson::readPlan)).isEqualTo(planExpected);
  }

  @Test
  void everyPlanFixtureGivesTheSameTree(@TempDir Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(plan("changes.json").getParent())) {
      walk.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".tfstate"))
          .forEach(files::add);
    }
    Path examples = Path.of("../../examples");
    if (Files.isDirectory(examples)) {
      try (Stream<Path> list = Files.list(examples)) {
        list.filter(f -> f.toString().endsWith(".json")).forEach(files::add);
      }
    }
    assertThat(files).hasSizeGreaterThan(15);
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      String expected = outcome(bytes, STRICT::readTree);
      assertThat(outcome(bytes, TerraformJson::readDocument))
          .as(file.toString())
          .isEqualTo(expected);
      assertThat(outcome(bytes, TestTerraformJson::readPlan))
          .as(file.toString())
          .isEqualTo(expected);
    }
    Path large = dir.resolve("plan.json");
    TestTerraformPlanScale.write(large, 50);
    byte[] scale = Files.readAllBytes(large);
    assertThat(outcome(scale, TerraformJson::readDocument))
        .isEqualTo(outcome(scale, STRICT::readTree))
        .startsWith("ObjectNode{");
  }
}
