package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.lcscan.provider.terraform.TerraformAddress.ModuleStep;
import io.lcscan.provider.terraform.TerraformPlanConfiguration.Context;
import io.lcscan.provider.terraform.TerraformPlanConfiguration.Resolution;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the provider configuration of each resource and reads its region, default tags and account
 * pin.
 *
 * <p>Terraform 1.x already points a child module's resource at the configuration that was passed or
 * inherited ({@code provider_config_key: "aws.tokyo"}). Older plans give {@code "<module>:aws"},
 * which is walked up here through the module call's {@code providers} map when the plan has one, or
 * by the implicit inheritance of a default (unaliased) provider.
 */
final class TerraformProviderConfigs {
  private static final int MAX_DEPTH = 16;

  private final TerraformPlanConfiguration configuration;
  private final Map<String, TerraformProviderSettings> cache = new HashMap<>();

  TerraformProviderConfigs(TerraformPlanConfiguration configuration) {
    this.configuration = requireNonNull(configuration, "configuration is null");
  }

  TerraformProviderSettings settings(TerraformPlannedResource resource) {
    JsonNode config = configuration.resource(resource.address());
    String key = config.path("provider_config_key").asText(null);
    if (key == null) {
      // no configuration for the resource: the default configuration of its provider in the root
      String providerName = resource.providerName();
      key = providerName.substring(providerName.lastIndexOf('/') + 1);
    }
    String sourceKey = sourceKey(key, 0);
    if (sourceKey == null) {
      return new TerraformProviderSettings(
          null,
          null,
          Map.of(),
          true,
          null,
          Map.of(),
          Map.of(),
          "provider configuration " + key + " could not be traced to its source");
    }
    // settings depend on the module instance only when the configuration lives in a module
    JsonNode provider = configuration.providerConfigs().path(sourceKey);
    List<ModuleStep> module = moduleInstanceOf(provider, resource.address());
    String cacheKey = sourceKey + " " + TerraformAddress.moduleInstance(module);
    return cache.computeIfAbsent(cacheKey, k -> read(sourceKey, provider, module));
  }

  // follows a key that has no provider_config entry (or an empty child-module entry) to its source
  private String sourceKey(String key, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    JsonNode entry = configuration.providerConfigs().get(key);
    int colon = key.lastIndexOf(':');
    if (colon < 0) {
      // a root configuration, possibly without a block (region from the environment)
      return key;
    }
    if (entry != null && entry.has("expressions")) {
      return key;
    }
    String prefix = key.substring(0, colon);
    String name = key.substring(colon + 1);
    // legacy plans name the module call ("app:aws"); current ones give the path ("module.app:aws")
    String modulePath = prefix.startsWith("module.") ? prefix : "module." + prefix;
    String parentPath =
        modulePath.lastIndexOf(".module.") < 0
            ? ""
            : modulePath.substring(0, modulePath.lastIndexOf(".module."));
    JsonNode passed = configuration.moduleCall(modulePath).path("providers").get(name);
    String parentName;
    if (passed != null && passed.isTextual()) {
      parentName = passed.asText();
    } else if (!name.contains(".")) {
      parentName = name;
    } else if (entry != null) {
      return key;
    } else {
      return null;
    }
    return sourceKey(parentPath.isEmpty() ? parentName : parentPath + ":" + parentName, depth + 1);
  }

  private static List<ModuleStep> moduleInstanceOf(JsonNode provider, TerraformAddress address) {
    String moduleAddress = provider.path("module_address").asText("");
    if (moduleAddress.isEmpty()) {
      return List.of();
    }
    int depth = moduleAddress.split("\\.").length / 2;
    return address.modules().subList(0, Math.min(depth, address.modules().size()));
  }

  private TerraformProviderSettings read(String key, JsonNode provider, List<ModuleStep> module) {
    JsonNode expressions = provider.path("expressions");
    Object moduleKey = module.isEmpty() ? null : module.get(module.size() - 1).key();
    Context context = new Context(module, moduleKey, null);
    String region = text(configuration.resolve(expressions.get("region"), context));
    if (region == null && expressions.has("location")) {
      region = text(configuration.resolve(expressions.get("location"), context));
    }
    Map<String, String> defaultTags = new TreeMap<>();
    boolean known = true;
    JsonNode defaultTagBlocks = expressions.get("default_tags");
    if (defaultTagBlocks != null) {
      for (JsonNode block :
          defaultTagBlocks.isArray() ? defaultTagBlocks : List.of(defaultTagBlocks)) {
        if (block.has("tags")) {
          known &= addMap(configuration.resolve(block.get("tags"), context), defaultTags);
        }
      }
    }
    if (expressions.has("default_labels")) {
      known &=
          addMap(configuration.resolve(expressions.get("default_labels"), context), defaultTags);
    }
    String account = null;
    Map<String, String> pins = new TreeMap<>();
    for (String pin :
        List.of("allowed_account_ids", "subscription_id", "tenant_id", "project", "customer_id")) {
      if (expressions.has(pin)) {
        String value = single(configuration.resolve(expressions.get(pin), context));
        if (value != null) {
          pins.put(pin, value);
          account = account == null ? value : account;
        }
      }
    }
    Map<String, JsonNode> features = new TreeMap<>();
    for (JsonNode block : blocks(expressions.get("features"))) {
      for (Map.Entry<String, JsonNode> nested : TerraformPlanConfiguration.fields(block)) {
        for (JsonNode inner : blocks(nested.getValue())) {
          for (Map.Entry<String, JsonNode> argument : TerraformPlanConfiguration.fields(inner)) {
            Resolution resolution = configuration.resolve(argument.getValue(), context);
            boolean literal =
                resolution.literals().size() == 1
                    && resolution.targets().isEmpty()
                    && resolution.unresolved().isEmpty()
                    && resolution.literals().get(0).isValueNode();
            features.put(
                nested.getKey() + "." + argument.getKey(),
                literal ? resolution.literals().get(0) : NullNode.getInstance());
          }
        }
      }
    }
    return new TerraformProviderSettings(
        key, region, defaultTags, known, account, pins, features, null);
  }

  /** The blocks of a nested block argument: a list of objects, or one object. */
  private static List<JsonNode> blocks(JsonNode value) {
    if (value == null) {
      return List.of();
    }
    if (value.isObject()) {
      return List.of(value);
    }
    List<JsonNode> out = new java.util.ArrayList<>();
    if (value.isArray()) {
      value.forEach(
          element -> {
            if (element.isObject()) {
              out.add(element);
            }
          });
    }
    return out;
  }

  private static String text(Resolution resolution) {
    if (resolution.literals().size() == 1
        && resolution.targets().isEmpty()
        && resolution.unresolved().isEmpty()
        && resolution.literals().get(0).isTextual()) {
      return resolution.literals().get(0).asText();
    }
    return null;
  }

  private static String single(Resolution resolution) {
    if (resolution.literals().size() != 1 || !resolution.unresolved().isEmpty()) {
      return null;
    }
    JsonNode value = resolution.literals().get(0);
    if (value.isArray() && value.size() == 1 && value.get(0).isTextual()) {
      return value.get(0).asText();
    }
    return value.isTextual() ? value.asText() : null;
  }

  private static boolean addMap(Resolution resolution, Map<String, String> out) {
    if (!resolution.unresolved().isEmpty() || !resolution.targets().isEmpty()) {
      return false;
    }
    for (JsonNode literal : resolution.literals()) {
      if (!literal.isObject()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> field : TerraformPlanConfiguration.fields(literal)) {
        if (field.getValue().isValueNode() && !field.getValue().isNull()) {
          out.put(field.getKey(), field.getValue().asText());
        }
      }
    }
    return true;
  }
}
