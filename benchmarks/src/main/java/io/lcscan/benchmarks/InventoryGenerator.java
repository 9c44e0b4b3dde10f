package io.lcscan.benchmarks;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.catalog.Catalog;
import io.lcscan.catalog.ResourceTypeSchema;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a synthetic inventory whose attributes follow each type's schema, so that every rule
 * really evaluates: values are drawn so that most resources pass and a realistic share fail, and a
 * few attributes are left out (the ERROR path).
 */
final class InventoryGenerator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Map<String, List<String>> GOOD_REGIONS =
      Map.of(
          "aws", List.of("ap-northeast-1", "ap-northeast-3"),
          "azure", List.of("japaneast", "japanwest"),
          "gcp", List.of("asia-northeast1", "asia-northeast2"));
  private static final Map<String, List<String>> OTHER_REGIONS =
      Map.of(
          "aws", List.of("us-east-1", "eu-west-1"),
          "azure", List.of("eastus", "westeurope"),
          "gcp", List.of("us-central1", "europe-west1"));
  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  private final Catalog catalog;
  private final Random random;

  InventoryGenerator(Catalog catalog, long seed) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.random = new Random(seed);
  }

  /** Types that at least one rule evaluates, or every type when the catalog has no rules yet. */
  List<String> ruleTypes() {
    TreeSet<String> types = new TreeSet<>();
    catalog.controls().forEach(control -> types.addAll(catalog.rules(control.id()).keySet()));
    types.retainAll(catalog.types().keySet());
    return types.isEmpty() ? new ArrayList<>(catalog.types().keySet()) : new ArrayList<>(types);
  }

  /**
   * Types that rules look up account-wide ({@code resources('aws.kms.key')}) are account-level
   * services or shared infrastructure: there are fewer of them than of the stores they serve.
   */
  private Set<String> lookupTypes() {
    Set<String> lookups = new TreeSet<>();
    catalog
        .controls()
        .forEach(
            control ->
                catalog
                    .rules(control.id())
                    .values()
                    .forEach(rule -> lookups.addAll(rule.lookupTypes())));
    return lookups;
  }

  Inventory generate(int count) {
    List<String> types = ruleTypes();
    Set<String> lookups = lookupTypes();
    List<String> weighted = new ArrayList<>();
    for (String type : types) {
      int weight = lookups.contains(type) ? 1 : 4;
      for (int i = 0; i < weight; i++) {
        weighted.add(type);
      }
    }
    List<Resource> resources = new ArrayList<>(count);
    Map<String, List<String>> keysByAccount = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String type = weighted.get(i % weighted.size());
      Resource resource = resource(catalog.types().get(type), i);
      resources.add(resource);
      if (KEY_TYPES.contains(type)) {
        keysByAccount
            .computeIfAbsent(resource.provider() + "/" + resource.account(), k -> new ArrayList<>())
            .add(resource.id());
      }
    }
    // Stores point at keys of their account (most of the time), so key lookups really match.
    for (Resource resource : resources) {
      List<String> keys =
          keysByAccount.getOrDefault(resource.provider() + "/" + resource.account(), List.of());
      if (!keys.isEmpty()) {
        linkKeys(resource.attributes(), keys);
      }
    }
    return new Inventory(Inventory.SCHEMA_VERSION, null, resources, List.of(), List.of());
  }

  private static final Set<String> KEY_TYPES =
      Set.of("aws.kms.key", "azure.keyvault.key", "gcp.kms.cryptokey");

  private void linkKeys(JsonNode node, List<String> keys) {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode child = object.get(name);
      if (child.isTextual() && name.toLowerCase(Locale.ROOT).endsWith("keyid") && chance(0.9)) {
        object.put(name, keys.get(random.nextInt(keys.size())));
      } else if (child.isObject()) {
        linkKeys(child, keys);
      }
    }
  }

  private Resource resource(ResourceTypeSchema type, int index) {
    String provider = type.provider();
    String account =
        switch (provider) {
          case "aws" -> String.format(Locale.ROOT, "1000000000%02d", index % 20);
          case "azure" ->
              String.format(Locale.ROOT, "00000000-0000-4000-8000-0000000000%02d", index % 20);
          default -> "lc-project-" + (index % 20);
        };
    List<String> regions =
        chance(0.9)
            ? GOOD_REGIONS.getOrDefault(provider, List.of("global"))
            : OTHER_REGIONS.getOrDefault(provider, List.of("global"));
    String region = regions.get(random.nextInt(regions.size()));
    String id = type.name() + "/" + account + "/" + index;
    Resource.Builder builder =
        Resource.builder(provider, type.name(), id)
            .account(account)
            .region(region)
            .name(type.name().substring(type.name().lastIndexOf('.') + 1) + "-" + index)
            .tag("lc-data-class", pick("c1", "c2", "c2", "c3", "C3"))
            .tag("lc-owner", "team-" + (index % 7))
            .tag("lc-system-id", "sys-" + (index % 11));
    if (chance(0.8)) {
      builder.tag("lc-approval-id", "APR-" + (index % 5));
    }
    if (chance(0.05)) {
      builder.tag("lc-phase", "dispose");
      if (chance(0.5)) {
        builder.tag("lc-disposal-approval", "DSP-" + index);
      }
    }
    JsonNode attributes = value(type.schema(), type.schema(), "", 0);
    builder.attributes(attributes instanceof ObjectNode object ? object : NODES.objectNode());
    return builder.build();
  }

  private JsonNode value(JsonNode root, JsonNode schema, String name, int depth) {
    schema = resolve(root, schema);
    if (schema.has("const")) {
      return schema.get("const");
    }
    if (schema.has("enum")) {
      JsonNode values = schema.get("enum");
      return values.get(random.nextInt(values.size()));
    }
    for (String combinator : List.of("oneOf", "anyOf")) {
      if (schema.has(combinator) && schema.get(combinator).size() > 0) {
        JsonNode branches = schema.get(combinator);
        return value(root, branches.get(random.nextInt(branches.size())), name, depth + 1);
      }
    }
    String type = type(schema);
    switch (type) {
      case "object":
        ObjectNode object = NODES.objectNode();
        if (depth > 6) {
          return object;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> property = it.next();
          // A few attributes stay absent, as when a call was denied: those evaluations give ERROR.
          if (chance(0.005)) {
            continue;
          }
          object.set(
              property.getKey(), value(root, property.getValue(), property.getKey(), depth + 1));
        }
        return object;
      case "array":
        ArrayNode array = NODES.arrayNode();
        int size = depth > 6 ? 0 : random.nextInt(3);
        for (int i = 0; i < size; i++) {
          array.add(value(root, schema.path("items"), name, depth + 1));
        }
        return array;
      case "boolean":
        return NODES.booleanNode(booleanFor(name));
      case "integer":
        return NODES.numberNode(integerFor(name, schema));
      case "number":
        return NODES.numberNode(integerFor(name, schema) * 1.0);
      case "null":
        return NODES.nullNode();
      default:
        return NODES.textNode(stringFor(name, schema));
    }
  }

  private static String type(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }
    if (type.isArray()) {
      for (JsonNode each : type) {
        if (!"null".equals(each.asText())) {
          return each.asText();
        }
      }
      return "null";
    }
    return type.asText();
  }

  private static JsonNode resolve(JsonNode root, JsonNode schema) {
    for (int i = 0; i < 8 && schema.has("$ref"); i++) {
      String ref = schema.get("$ref").asText();
      if (!ref.startsWith("#")) {
        break;
      }
      JsonNode target = root.at(ref.substring(1));
      if (target.isMissingNode()) {
        break;
      }
      schema = target;
    }
    return schema;
  }

  /** Security switches are mostly on; exposure switches mostly off. */
  private boolean booleanFor(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    boolean risky =
        lower.contains("public")
            || lower.contains("pending")
            || lower.contains("shared")
            || lower.contains("anonymous")
            || lower.contains("disabled")
            || lower.contains("allow");
    return risky ? chance(0.1) : chance(0.85);
  }

  private long integerFor(String name, JsonNode schema) {
    String lower = name.toLowerCase(Locale.ROOT);
    long value;
    if (lower.contains("days")) {
      value = chance(0.8) ? 30 + random.nextInt(400) : random.nextInt(30);
    } else if (lower.contains("port")) {
      value = pick(22L, 443L, 3389L, 8080L);
    } else if (lower.contains("length")) {
      value = 8 + random.nextInt(12);
    } else {
      value = random.nextInt(100);
    }
    if (schema.has("minimum")) {
      value = Math.max(value, schema.get("minimum").asLong());
    }
    if (schema.has("maximum")) {
      value = Math.min(value, schema.get("maximum").asLong());
    }
    return value;
  }

  private String stringFor(String name, JsonNode schema) {
    String format = schema.path("format").asText("");
    String lower = name.toLowerCase(Locale.ROOT);
    if (format.equals("date-time")
        || lower.endsWith("at")
        || lower.contains("time")
        || lower.contains("date")) {
      long days = chance(0.8) ? random.nextInt(365) : 365 + random.nextInt(1000);
      Instant time = NOW.minus(days, ChronoUnit.DAYS);
      if (lower.contains("expir") || lower.contains("notafter") || lower.contains("until")) {
        time =
            NOW.plus(chance(0.85) ? 40 + random.nextInt(300) : random.nextInt(30), ChronoUnit.DAYS);
      }
      return time.toString();
    }
    if (format.equals("date")) {
      return NOW.minus(random.nextInt(365), ChronoUnit.DAYS).toString().substring(0, 10);
    }
    if (lower.contains("version")) {
      return pick("1.2", "1.2", "1.3", "1.0");
    }
    if (lower.contains("region") || lower.contains("location")) {
      return pick("ap-northeast-1", "japaneast", "asia-northeast1", "us-east-1");
    }
    if (lower.contains("cidr") || lower.contains("range") || lower.contains("source")) {
      return pick("10.0.0.0/16", "0.0.0.0/0", "35.235.240.0/20", "192.168.1.0/24");
    }
    if (lower.contains("runtime")) {
      return pick("python3.12", "nodejs20.x", "java21", "python3.7");
    }
    if (lower.contains("key") || lower.endsWith("id") || lower.contains("arn")) {
      return "key-" + random.nextInt(1000);
    }
    return name + "-" + random.nextInt(10);
  }

  private boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  @SafeVarargs
  private <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }
}
