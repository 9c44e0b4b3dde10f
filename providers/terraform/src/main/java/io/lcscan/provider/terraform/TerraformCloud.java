package io.lcscan.provider.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Per-cloud conventions of Terraform providers: account, region and tags. */
enum TerraformCloud {
  AWS("aws"),
  AZURE("azure"),
  GCP("gcp");

  /** The region of a resource whose region is not known before apply. */
  static final String UNKNOWN_REGION = "unknown";

  private final String provider;

  TerraformCloud(String provider) {
    this.provider = provider;
  }

  /** The normalized provider name: {@code aws}, {@code azure}, {@code gcp}. */
  String provider() {
    return provider;
  }

  static Optional<TerraformCloud> of(String terraformType) {
    if (terraformType.startsWith("aws_")) {
      return Optional.of(AWS);
    }
    if (terraformType.startsWith("azurerm_") || terraformType.startsWith("azuread_")) {
      return Optional.of(AZURE);
    }
    if (terraformType.startsWith("google_") || terraformType.startsWith("googleworkspace_")) {
      return Optional.of(GCP);
    }
    return Optional.empty();
  }

  String region(TerraformPlanValues values, TerraformProviderSettings settings) {
    String region =
        switch (this) {
          // AWS provider 6 gives each resource its effective region
          case AWS -> first(values.text("region"), settings.region(), arnPart(values, 3));
          case AZURE -> azureLocation(values.text("location"));
          case GCP ->
              first(
                  lower(values.text("region")),
                  lower(values.text("location")),
                  zoneRegion(values.text("zone")),
                  settings.region());
        };
    return region == null || region.isEmpty() ? UNKNOWN_REGION : region;
  }

  String account(TerraformPlanValues values, TerraformProviderSettings settings) {
    String account =
        switch (this) {
          case AWS -> first(arnPart(values, 4), values.text("owner_id"), settings.account());
          case AZURE -> first(subscription(values.text("id")), settings.account());
          case GCP -> first(values.text("project"), settings.account());
        };
    return account == null ? "" : account;
  }

  /**
   * The tags as they will be after apply: AWS {@code tags_all} (which includes the provider's
   * {@code default_tags}), azurerm {@code tags}, Google {@code effective_labels}. Where only the
   * resource's own tags are known, the provider defaults are merged in.
   */
  Map<String, String> tags(TerraformPlanValues values, TerraformProviderSettings settings) {
    String all =
        switch (this) {
          case AWS -> "tags_all";
          case AZURE -> "tags";
          case GCP -> "effective_labels";
        };
    String own = this == GCP ? "labels" : "tags";
    Map<String, String> tags = new TreeMap<>();
    JsonNode complete = values.get(all);
    if (complete != null && complete.isObject()) {
      putAll(complete, tags);
      return tags;
    }
    // provider default tags apply only to resources that take tags at all
    if (this != AZURE && (values.has(own) || values.has(all))) {
      tags.putAll(settings.defaultTags());
    }
    JsonNode mine = values.get(own);
    if (mine != null && mine.isObject()) {
      putAll(mine, tags);
    }
    return tags;
  }

  private static void putAll(JsonNode map, Map<String, String> out) {
    for (Map.Entry<String, JsonNode> tag : TerraformPlanConfiguration.fields(map)) {
      // a tag whose value is only known after apply is left out, never guessed
      if (tag.getValue().isValueNode() && !tag.getValue().isNull()) {
        out.put(tag.getKey(), tag.getValue().asText());
      }
    }
  }

  private static String arnPart(TerraformPlanValues values, int index) {
    String arn = values.text("arn");
    if (arn == null || !arn.startsWith("arn:")) {
      return null;
    }
    String[] parts = arn.split(":", 6);
    return parts.length > index && !parts[index].isEmpty() ? parts[index] : null;
  }

  private static String subscription(String id) {
    if (id == null) {
      return null;
    }
    String[] parts = id.split("/");
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equalsIgnoreCase("subscriptions")) {
        return parts[i + 1];
      }
    }
    return null;
  }

  /** {@code Japan East} and {@code japaneast} are the same Azure region. */
  static String azureLocation(String location) {
    return location == null ? null : location.replace(" ", "").toLowerCase(Locale.ROOT);
  }

  private static String zoneRegion(String zone) {
    if (zone == null) {
      return null;
    }
    int dash = zone.lastIndexOf('-');
    return dash > 0 ? zone.substring(0, dash).toLowerCase(Locale.ROOT) : null;
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }
}
