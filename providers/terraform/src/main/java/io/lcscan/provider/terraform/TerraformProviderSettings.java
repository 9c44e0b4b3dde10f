package io.lcscan.provider.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a resource's provider configuration says about it.
 *
 * @param key the {@code provider_config} key that was used, or null when none was found
 * @param region the configured region, or null when it is not set or not known before apply
 * @param defaultTags AWS {@code default_tags} / Google {@code default_labels}
 * @param defaultTagsKnown false when the provider sets default tags the plan cannot show
 * @param account the one account the provider is pinned to ({@code allowed_account_ids}, {@code
 *     subscription_id}, {@code project}), or null
 * @param pins every such argument with a single known value
 * @param features the arguments of azurerm {@code features} blocks, by {@code <block>.<argument>}
 *     ({@code key_vault.purge_soft_delete_on_destroy}): the literal value, or a JSON null when the
 *     configuration does not give it a known value
 */
record TerraformProviderSettings(
    String key,
    String region,
    Map<String, String> defaultTags,
    boolean defaultTagsKnown,
    String account,
    Map<String, String> pins,
    Map<String, JsonNode> features,
    String problem) {

  TerraformProviderSettings {
    defaultTags = Map.copyOf(defaultTags);
    pins = Map.copyOf(pins);
    features = Map.copyOf(features);
  }

  /**
   * A {@code features} argument: its value, JSON null when it is set but not known before apply, or
   * null when the configuration does not set it (the provider's default applies).
   */
  JsonNode feature(String blockAndArgument) {
    return features.get(blockAndArgument);
  }

  /** One pinning argument of the provider ({@code tenant_id}, {@code project}), or null. */
  String pin(String argument) {
    return pins.get(argument);
  }
}
