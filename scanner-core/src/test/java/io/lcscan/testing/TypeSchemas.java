package io.lcscan.testing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.lcscan.config.ConfigSource;
import io.lcscan.spi.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Validates resources against their type schemas in {@code config/types/} (JSON Schema draft
 * 2020-12, formats asserted). Providers use it in their tests so a collector never emits an
 * attribute the catalog does not know.
 *
 * <pre>{@code
 * TypeSchemas.assertAllValid(sink.resources());
 * }</pre>
 */
public final class TypeSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile TypeSchemas bundled;

  private final Map<String, JsonSchema> schemas;

  private TypeSchemas(Map<String, JsonSchema> schemas) {
    this.schemas = schemas;
  }

  /** The schemas bundled with scanner-core. */
  public static TypeSchemas bundled() {
    TypeSchemas result = bundled;
    if (result == null) {
      result = load(ConfigSource.bundled());
      bundled = result;
    }
    return result;
  }

  /** Loads every {@code types/*.json} of a configuration. */
  public static TypeSchemas load(ConfigSource source) {
    requireNonNull(source, "source is null");
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    Map<String, JsonSchema> schemas = new TreeMap<>();
    for (String path : source.list("types")) {
      if (!path.endsWith(".json")) {
        continue;
      }
      String type = path.substring(path.lastIndexOf('/') + 1, path.length() - ".json".length());
      try {
        JsonNode node = JSON.readTree(source.read(path).orElseThrow());
        schemas.put(type, factory.getSchema(node, config));
      } catch (IOException e) {
        throw new UncheckedIOException(source.displayName(path) + ": not valid JSON", e);
      }
    }
    return new TypeSchemas(schemas);
  }

  /** The known type names. */
  public Collection<String> types() {
    return schemas.keySet();
  }

  /**
   * The problems of one resource, each {@code <type> <id>: <instance path>: <error>}; empty when it
   * is valid.
   */
  public List<String> problems(Resource resource) {
    requireNonNull(resource, "resource is null");
    String prefix = resource.type() + " " + resource.id() + ": ";
    JsonSchema schema = schemas.get(resource.type());
    if (schema == null) {
      return List.of(
          prefix + "unknown resource type (no config/types/" + resource.type() + ".json)");
    }
    List<String> problems = new ArrayList<>();
    for (ValidationMessage message : schema.validate(resource.attributes())) {
      String location = message.getInstanceLocation().toString();
      String text = message.getMessage();
      if (text.startsWith(location + ": ")) {
        text = text.substring(location.length() + 2);
      }
      String path = location.replace('/', '.').replaceFirst("^\\$", "");
      problems.add(prefix + "attributes" + path + ": " + text);
    }
    problems.sort(null);
    return problems;
  }

  /** The problems of each resource, all together. */
  public List<String> problems(Collection<Resource> resources) {
    List<String> problems = new ArrayList<>();
    resources.forEach(resource -> problems.addAll(problems(resource)));
    return problems;
  }

  public Optional<JsonSchema> schema(String type) {
    return Optional.ofNullable(schemas.get(type));
  }

  /** Fails with every schema error of the resource. */
  public static void assertValid(Resource resource) {
    assertAllValid(List.of(resource));
  }

  /** Fails with every schema error of every resource, one per line. */
  public static void assertAllValid(Collection<Resource> resources) {
    List<String> problems = bundled().problems(resources);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          problems.size() + " resource schema error(s):\n  " + String.join("\n  ", problems));
    }
  }
}
