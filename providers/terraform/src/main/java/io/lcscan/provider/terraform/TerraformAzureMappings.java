package io.lcscan.provider.terraform;

import static io.lcscan.provider.terraform.TerraformAwsMappings.enumText;
import static io.lcscan.provider.terraform.TerraformAwsMappings.texts;
import static io.lcscan.provider.terraform.TerraformMapping.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * azurerm and azuread provider resource types (azurerm 3.x/4.x argument names; where azurerm 4
 * renamed one, both are read).
 */
final class TerraformAzureMappings {
  private static final String OWNER_ROLE = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
  private static final String GLOBAL_ADMIN_ROLE = "62e90394-69f5-4237-9190-012177145e10";
  private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)^/subscriptions/([^/]+)/?$");
  private static final Pattern DURATION_DAYS =
      Pattern.compile("^P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)D)?$");

  private TerraformAzureMappings() {}

  static List<TerraformTypeMapping> all() {
    List<TerraformTypeMapping> all = new ArrayList<>();
    all.add(roleAssignment("azurerm_role_assignment"));
    all.add(roleAssignment("azurerm_pim_active_role_assignment"));
    all.add(cdnProfile());
    all.add(
        map("azurerm_dedicated_host", "azure.compute.dedicatedhost")
            .text("sku_name", "sku")
            .text("dedicated_host_group_id", "hostGroupId")
            .build());
    all.add(disk());
    all.add(
        map("azurerm_shared_image_version", "azure.compute.gallery-image-version")
            .text("end_of_life_date", "endOfLifeDate")
            .with(
                (c, out) ->
                    new TerraformListBuilder()
                        .each(
                            c.values(),
                            "target_region",
                            (r, e) -> {
                              e.copy(
                                  r,
                                  "name",
                                  "region",
                                  v -> TextNode.valueOf(TerraformCloud.azureLocation(v.asText())));
                              e.put("encrypted", true);
                              e.text(r, "disk_encryption_set_id", "keyId");
                            })
                        .writeTo(out, "replication.destinations"))
            .build());
    all.add(
        map("azurerm_shared_image_gallery", "azure.compute.gallery")
            .with(
                (c, out) -> {
                  TerraformPlanValues v = c.values();
                  if (v.isUnknown("sharing")) {
                    out.unknown("sharing.permissions");
                    return;
                  }
                  String permission = v.text("sharing.0.permission");
                  String normalized = permission == null ? "Private" : permission;
                  JsonNode known =
                      enumText(TextNode.valueOf(normalized), "Private", "Groups", "Community");
                  out.put("sharing.permissions", known);
                  out.put("sharing.public", "Community".equals(normalized));
                })
            .build());
    all.add(snapshot());
    all.add(vm("azurerm_linux_virtual_machine", "Linux"));
    all.add(vm("azurerm_windows_virtual_machine", "Windows"));
    all.add(vm("azurerm_virtual_machine", null));
    all.add(
        map("azurerm_virtual_desktop_host_pool", "azure.desktopvirtualization.hostpool")
            .field("type", "hostPoolType", v -> enumText(v, "Pooled", "Personal", "BYODesktop"))
            .with(
                (c, out) -> {
                  TerraformPlanValues v = c.values();
                  if (v.isUnknown("custom_rdp_properties")) {
                    out.unknown("customRdpProperty");
                  } else {
                    String rdp = v.text("custom_rdp_properties");
                    out.put("customRdpProperty", rdp == null ? "" : rdp);
                  }
                })
            .build());
    all.add(application());
    all.add(user("azuread_user"));
    all.add(user("azuread_invitation"));
    all.add(
        map("azurerm_key_vault_certificate", "azure.keyvault.certificate")
            .text("certificate_attribute.0.expires", "expiresAt")
            .text("certificate_policy.0.issuer_parameters.0.name", "issuer")
            .bool("certificate_attribute.0.enabled", "enabled")
            .with(TerraformAzureMappings::vaultRegion)
            .with(
                (c, out) -> {
                  TerraformPlanValues v = c.values();
                  if (v.isUnknown("certificate_policy")) {
                    out.unknown("autoRenew");
                    return;
                  }
                  boolean renew = false;
                  for (int i = 0; i < v.size("certificate_policy.0.lifetime_action"); i++) {
                    renew |=
                        "AutoRenew"
                            .equals(
                                v.text(
                                    "certificate_policy.0.lifetime_action."
                                        + i
                                        + ".action.0.action_type"));
                  }
                  out.put("autoRenew", renew);
                })
            .build());
    all.add(vaultKey());
    all.add(
        map("azurerm_key_vault_managed_hardware_security_module", "azure.keyvault.managedhsm")
            .integer("soft_delete_retention_days", "softDelete.retentionDays")
            .bool("purge_protection_enabled", "purgeProtection")
            .text("sku_name", "sku")
            .with(
                (c, out) -> {
                  out.put("softDelete.enabled", true);
                  defaultFalse(c.values(), "purge_protection_enabled", out, "purgeProtection");
                  if (!c.before()) {
                    out.put("deletion.pendingDeletion", false);
                  }
                })
            .build());
    all.add(
        map("azurerm_key_vault_secret", "azure.keyvault.secret")
            .with(TerraformAzureMappings::vaultRegion)
            .with((c, out) -> expiry(c.values(), out))
            .build());
    all.add(keyVault());
    all.add(
        map("azurerm_log_analytics_workspace", "azure.monitor.log-analytics-workspace")
            .integer("retention_in_days", "logging.retentionDays")
            .with(TerraformAzureMappings::lock)
            .build());
    all.add(applicationGateway());
    all.add(dnsZone());
    all.add(
        map("azurerm_network_interface", "azure.network.nic")
            .text("virtual_machine_id", "virtualMachineId")
            .with(
                (c, out) -> {
                  TerraformPlanValues v = c.values();
                  TerraformListBuilder ips = new TerraformListBuilder();
                  for (int i = 0; i < v.size("ip_configuration"); i++) {
                    String path = "ip_configuration." + i + ".public_ip_address_id";
                    if (v.isUnknown(path)) {
                      Optional<TerraformTarget> ip = c.reference(c.self(), path);
                      if (ip.isPresent() && ip.get().inPlan()) {
                        ips.addText(ip.get().address().toString());
                      } else {
                        ips.markUnknown();
                      }
                    } else {
                      ips.addText(v.text(path));
                    }
                  }
                  ips.writeTo(out, "publicIpAddressIds");
                  attachedFromReferences(c, out, "virtual_machine_id");
                })
            .build());
    all.add(nsg());
    all.add(
        map("azurerm_public_ip", "azure.network.public-ip")
            .text("ip_address", "ipAddress")
            .field("fqdn", "fqdn", v -> TextNode.valueOf(v.asText().toLowerCase(Locale.ROOT)))
            .field("allocation_method", "allocationMethod", v -> enumText(v, "Static", "Dynamic"))
            .with((c, out) -> attachedFromReferences(c, out, "ip_configuration_id"))
            .build());
    all.add(vnet());
    all.add(recoveryVault());
    all.add(
        map("azurerm_security_center_subscription_pricing", "azure.security.pricing")
            .global()
            .text("resource_type", "plan")
            .field("tier", "pricingTier", v -> enumText(v, "Free", "Standard"))
            .text("subplan", "subPlan")
            .with(
                (c, out) -> {
                  out.name(c.values().text("resource_type"));
                  new TerraformListBuilder()
                      .each(
                          c.values(),
                          "extension",
                          (x, e) -> e.text(x, "name", "name").put("enabled", true))
                      .writeTo(out, "extensions");
                })
            .build());
    all.add(
        map("azurerm_mssql_database", "azure.sql.database")
            .bool("transparent_data_encryption_enabled", "encryption.enabled")
            .with(
                (c, out) -> {
                  defaultTrue(
                      c.values(), "transparent_data_encryption_enabled", out, "encryption.enabled");
                  c.part(c.reference(c.self(), "server_id").orElse(null))
                      .ifPresent(
                          server ->
                              out.region(
                                  TerraformCloud.azureLocation(server.values().text("location"))));
                })
            .build());
    all.add(sqlServer());
    all.add(storageAccount());
    for (String type :
        List.of(
            "azurerm_linux_web_app",
            "azurerm_windows_web_app",
            "azurerm_linux_function_app",
            "azurerm_windows_function_app",
            "azurerm_app_service",
            "azurerm_function_app")) {
      all.add(webApp(type));
    }
    for (String type :
        List.of("azurerm_app_service_certificate", "azurerm_app_service_managed_certificate")) {
      all.add(
          map(type, "azure.web.certificate")
              .text("expiration_date", "expiresAt")
              .text("thumbprint", "thumbprint")
              .text("key_vault_secret_id", "keyVaultId")
              .with(
                  (c, out) ->
                      new TerraformListBuilder()
                          .strings(c.values(), "host_names")
                          .writeTo(out, "hostNames"))
              .build());
    }
    return all;
  }

  static List<TerraformAggregateMapping> aggregates() {
    return List.of(subscription(), tenant());
  }

  // ---------------------------------------------------------------- helpers

  /**
   * {@code features { key_vault { purge_soft_delete_on_destroy } }} of the vault's azurerm provider
   * configuration, which the provider defaults to true.
   */
  private static void purgeSoftDeleteOnDestroy(
      TerraformMappingContext c, TerraformAttributeWriter out) {
    TerraformProviderSettings provider = c.provider().orElse(null);
    if (provider == null || provider.problem() != null) {
      if (!c.before()) {
        out.unknown("purgeSoftDeleteOnDestroy");
      }
      return;
    }
    JsonNode value = provider.feature("key_vault.purge_soft_delete_on_destroy");
    if (value == null) {
      out.put("purgeSoftDeleteOnDestroy", true);
    } else if (value.isBoolean()) {
      out.put("purgeSoftDeleteOnDestroy", value.booleanValue());
    } else if (value.isTextual()
        && (value.textValue().equals("true") || value.textValue().equals("false"))) {
      out.put("purgeSoftDeleteOnDestroy", Boolean.parseBoolean(value.textValue()));
    } else if (!c.before()) {
      out.unknown("purgeSoftDeleteOnDestroy");
    }
  }

  private static void defaultFalse(
      TerraformPlanValues v, String from, TerraformAttributeWriter out, String to) {
    if (!v.isUnknown(from) && v.get(from) == null) {
      out.put(to, false);
    }
  }

  private static void defaultTrue(
      TerraformPlanValues v, String from, TerraformAttributeWriter out, String to) {
    if (!v.isUnknown(from) && v.get(from) == null) {
      out.put(to, true);
    }
  }

  static JsonNode enabledDisabled(JsonNode flag) {
    return flag.isBoolean() ? TextNode.valueOf(flag.booleanValue() ? "Enabled" : "Disabled") : null;
  }

  /** {@code TLS1_2} or {@code 1.2} as {@code "1.2"}; azurerm's "Disabled" means no minimum. */
  static JsonNode tlsVersion(JsonNode value) {
    String text = value.asText();
    Matcher matcher = Pattern.compile("1[._](\\d)").matcher(text);
    if (matcher.find()) {
      return TextNode.valueOf("1." + matcher.group(1));
    }
    return "Disabled".equalsIgnoreCase(text) || "None".equalsIgnoreCase(text)
        ? TextNode.valueOf("1.0")
        : null;
  }

  private static String subscriptionOf(String id) {
    if (id == null) {
      return null;
    }
    Matcher matcher = Pattern.compile("(?i)/subscriptions/([^/]+)").matcher(id);
    return matcher.find() ? matcher.group(1) : null;
  }

  static Long days(String isoDuration) {
    if (isoDuration == null) {
      return null;
    }
    Matcher matcher = DURATION_DAYS.matcher(isoDuration);
    if (!matcher.matches()) {
      return null;
    }
    long years = matcher.group(1) == null ? 0 : Long.parseLong(matcher.group(1));
    long months = matcher.group(2) == null ? 0 : Long.parseLong(matcher.group(2));
    long days = matcher.group(3) == null ? 0 : Long.parseLong(matcher.group(3));
    return years * 365 + months * 30 + days;
  }

  // key vault objects live where their vault is
  private static void vaultRegion(TerraformMappingContext c, TerraformAttributeWriter out) {
    c.part(c.reference(c.self(), "key_vault_id").orElse(null))
        .ifPresent(
            vault -> out.region(TerraformCloud.azureLocation(vault.values().text("location"))));
  }

  private static void expiry(TerraformPlanValues v, TerraformAttributeWriter out) {
    if (v.isUnknown("expiration_date")) {
      out.unknown("expiry.set");
      out.unknown("expiry.at");
      return;
    }
    String at = v.text("expiration_date");
    out.put("expiry.set", at != null);
    out.put("expiry.at", at);
  }

  /** {@code deletionProtection} from a management lock on the resource itself. */
  private static void lock(TerraformMappingContext c, TerraformAttributeWriter out) {
    for (TerraformPart lock : c.companions("azurerm_management_lock")) {
      if (lock.values().isUnknown("lock_level")) {
        out.unknown("deletionProtection");
        return;
      }
      String level = lock.values().text("lock_level");
      if ("CanNotDelete".equals(level) || "ReadOnly".equals(level)) {
        out.put("deletionProtection", true);
        return;
      }
    }
    // a lock on the resource group or subscription, outside the plan, would also protect it
  }

  /**
   * {@code attached} for addresses and interfaces: something of the plan refers to it, or the
   * provider reports it in use; a new one nothing refers to will be an orphan.
   */
  static void attachedFromReferences(
      TerraformMappingContext c, TerraformAttributeWriter out, String inUse) {
    TerraformPlanValues v = c.values();
    String value = v.text(inUse);
    if (c.referencedInConfiguration() || (value != null && !value.isEmpty())) {
      out.put("attached", true);
    } else if (c.creating() || (!v.isUnknown(inUse) && !c.before())) {
      out.put("attached", false);
    }
  }

  private static List<String> diagnosticCategories(TerraformPlanValues v) {
    List<String> out = new ArrayList<>();
    for (String block : List.of("enabled_log", "log")) {
      for (int i = 0; i < v.size(block); i++) {
        TerraformPlanValues log = v.at(block + "." + i);
        if (block.equals("log") && Boolean.FALSE.equals(log.bool("enabled"))) {
          continue;
        }
        String category = log.text("category");
        out.add(category != null ? category : log.text("category_group"));
      }
    }
    out.removeIf(java.util.Objects::isNull);
    return out;
  }

  // the destinations of a diagnostic setting: ids, or the addresses of destinations of the plan
  private static List<String> diagnosticDestinations(
      TerraformMappingContext c, TerraformPart setting) {
    List<String> out = new ArrayList<>();
    for (String argument :
        List.of(
            "log_analytics_workspace_id",
            "storage_account_id",
            "eventhub_authorization_rule_id",
            "eventhub_name")) {
      c.reference(setting, argument)
          .map(t -> t.inPlan() ? t.address().toString() : t.literal())
          .filter(value -> !value.isEmpty())
          .ifPresent(out::add);
    }
    return out;
  }

  /**
   * An id argument written into an entry: the known id, the address of a resource of the plan when
   * the id is known only after apply, else the entry (and its list) is unknown.
   */
  private static void target(
      TerraformMappingContext c,
      TerraformPart part,
      String argument,
      String to,
      TerraformListBuilder.Element e) {
    Optional<TerraformTarget> target = c.reference(part, argument);
    if (target.isPresent()) {
      e.put(to, target.get().inPlan() ? target.get().address().toString() : target.get().literal());
    } else if (part.values().isUnknown(argument)) {
      e.markUnknown();
    }
  }

  private static void diagnosticLogging(
      TerraformMappingContext c, TerraformAttributeWriter out, Set<String> enough) {
    List<TerraformPart> settings = c.companions("azurerm_monitor_diagnostic_setting");
    boolean logging = false;
    for (TerraformPart setting : settings) {
      if (setting.values().isUnknown("enabled_log") || setting.values().isUnknown("log")) {
        out.unknown("logging.enabled");
        return;
      }
      List<String> categories = diagnosticCategories(setting.values());
      logging |=
          categories.containsAll(enough)
              || categories.contains("audit")
              || categories.contains("allLogs");
    }
    if (logging) {
      out.put("logging.enabled", true);
    } else if (!settings.isEmpty() || c.creating()) {
      out.put("logging.enabled", false);
    }
  }

  // ---------------------------------------------------------------- types

  private static TerraformTypeMapping roleAssignment(String type) {
    return map(type, "azure.authorization.role-assignment")
        .global()
        .text("role_definition_id", "roleDefinitionId")
        .text("role_definition_name", "roleName")
        .text("principal_id", "principalId")
        .field(
            "principal_type",
            "principalType",
            v -> enumText(v, "User", "Group", "ServicePrincipal", "ForeignGroup", "Device"))
        .text("scope", "scope")
        .text("schedule.0.expiration.0.end_date_time", "endsAt")
        .with(
            (c, out) -> {
              out.put("assignmentType", "Assigned");
              out.name(c.values().text("name"));
              String definition = c.values().text("role_definition_id");
              if (!out.has("roleName") && definition != null && definition.endsWith(OWNER_ROLE)) {
                out.put("roleName", "Owner");
              }
            })
        .build();
  }

  private static TerraformTypeMapping cdnProfile() {
    return map("azurerm_cdn_frontdoor_profile", "azure.cdn.profile")
        .global()
        .text("sku_name", "sku")
        .with(
            (c, out) -> {
              TerraformListBuilder domains = new TerraformListBuilder();
              List<TerraformPart> policies = c.companions("azurerm_cdn_frontdoor_security_policy");
              for (TerraformPart domain :
                  c.companionsOf(
                      "azurerm_cdn_frontdoor_endpoint", "azurerm_cdn_frontdoor_custom_domain")) {
                String hostArgument =
                    domain.type().endsWith("_endpoint") ? "host_name" : "host_name";
                domains.addObject(
                    domain.values(),
                    (d, e) -> {
                      e.text(d, "name", "name").textIfKnown(d, hostArgument, "hostName");
                      for (TerraformPart policy : policies) {
                        TerraformPlanValues p = policy.values();
                        String base = "security_policies.0.firewall.0.";
                        for (int i = 0; i < p.size(base + "association.0.domain"); i++) {
                          Optional<TerraformTarget> target =
                              c.reference(
                                  policy,
                                  base + "association.0.domain." + i + ".cdn_frontdoor_domain_id");
                          if (target.isPresent()
                              && domain.resource().address().equals(target.get().address())) {
                            Optional<TerraformTarget> waf =
                                c.reference(policy, base + "cdn_frontdoor_firewall_policy_id");
                            e.put(
                                "wafPolicyId",
                                waf.map(w -> w.inPlan() ? w.address().toString() : w.literal())
                                    .orElse(null));
                            c.part(waf.orElse(null))
                                .ifPresent(
                                    w ->
                                        e.copy(
                                            w.values(),
                                            "mode",
                                            "wafMode",
                                            m -> enumText(m, "Detection", "Prevention")));
                          }
                        }
                      }
                    });
              }
              domains.writeTo(out, "domains");
            })
        .build();
  }

  private static void diskEncryption(TerraformMappingContext c, TerraformAttributeWriter out) {
    TerraformPlanValues v = c.values();
    out.put("encryption.enabled", true);
    if (v.isUnknown("disk_encryption_set_id")) {
      Optional<TerraformTarget> set = c.reference(c.self(), "disk_encryption_set_id");
      if (set.isEmpty() || !set.get().inPlan()) {
        out.unknown("encryption.customerManagedKey");
        out.unknown("encryption.type");
        return;
      }
    }
    Optional<TerraformTarget> set = c.reference(c.self(), "disk_encryption_set_id");
    if (set.isEmpty()) {
      out.put("encryption.customerManagedKey", false);
      out.put("encryption.type", "EncryptionAtRestWithPlatformKey");
      return;
    }
    out.put("encryption.customerManagedKey", true);
    TerraformFieldTable.copy(
        v,
        "disk_encryption_set_id",
        out,
        "encryption.diskEncryptionSetId",
        TerraformFieldTable::asText);
    Optional<TerraformPart> des = c.part(set.get());
    if (des.isPresent()) {
      TerraformPlanValues d = des.get().values();
      String type = d.text("encryption_type");
      out.put(
          "encryption.type",
          enumText(
              TextNode.valueOf(type == null ? "EncryptionAtRestWithCustomerKey" : type),
              "EncryptionAtRestWithCustomerKey",
              "EncryptionAtRestWithPlatformAndCustomerKeys",
              "EncryptionAtRestWithPlatformKey"));
      Optional<TerraformTarget> key = c.reference(des.get(), "key_vault_key_id");
      key.filter(TerraformTarget::inPlan)
          .ifPresent(k -> out.reference("kmsKey", "azure.keyvault.key", k.address().toString()));
      TerraformFieldTable.copy(
          d, "key_vault_key_id", out, "encryption.keyId", TerraformFieldTable::asText);
    }
  }

  private static TerraformTypeMapping disk() {
    return map("azurerm_managed_disk", "azure.compute.disk")
        .field(
            "network_access_policy",
            "network.accessPolicy",
            v -> enumText(v, "AllowAll", "AllowPrivate", "DenyAll"))
        .field(
            "public_network_access_enabled",
            "network.publicNetworkAccess",
            TerraformAzureMappings::enabledDisabled)
        .with(TerraformAzureMappings::diskEncryption)
        .with(
            (c, out) -> {
              if (!c.referencing("azurerm_virtual_machine_data_disk_attachment", "managed_disk_id")
                  .isEmpty()) {
                out.put("attached", true);
              } else if (c.creating() && !c.before()) {
                out.put("attached", false);
              }
            })
        .build();
  }

  private static TerraformTypeMapping snapshot() {
    return map("azurerm_snapshot", "azure.compute.snapshot")
        .field(
            "network_access_policy",
            "network.accessPolicy",
            v -> enumText(v, "AllowAll", "AllowPrivate", "DenyAll"))
        .field(
            "public_network_access_enabled",
            "network.publicNetworkAccess",
            TerraformAzureMappings::enabledDisabled)
        .text("source_resource_id", "sourceResourceId")
        .bool("incremental_enabled", "incremental")
        .with(TerraformAzureMappings::diskEncryption)
        .build();
  }

  private static TerraformTypeMapping vm(String type, String osType) {
    return map(type, "azure.compute.vm")
        .bool("secure_boot_enabled", "securityProfile.secureBootEnabled")
        .bool("vtpm_enabled", "securityProfile.vTpmEnabled")
        .bool("encryption_at_host_enabled", "securityProfile.encryptionAtHost")
        .field(
            "patch_assessment_mode",
            "patch.assessmentMode",
            v -> enumText(v, "ImageDefault", "AutomaticByPlatform"))
        .text("patch_mode", "patch.patchMode")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              if (osType != null) {
                out.put("osType", osType);
                defaultFalse(v, "secure_boot_enabled", out, "securityProfile.secureBootEnabled");
                defaultFalse(v, "vtpm_enabled", out, "securityProfile.vTpmEnabled");
                defaultFalse(
                    v, "encryption_at_host_enabled", out, "securityProfile.encryptionAtHost");
              } else {
                TerraformFieldTable.copy(
                    v,
                    "storage_os_disk.0.os_type",
                    out,
                    "osType",
                    t -> enumText(t, "Linux", "Windows"));
              }
              if (v.isUnknown("secure_boot_enabled") || v.isUnknown("vtpm_enabled")) {
                out.unknown("securityProfile.securityType");
              } else if (v.get("os_disk.0.security_encryption_type") != null) {
                out.put("securityProfile.securityType", "ConfidentialVM");
              } else if (Boolean.TRUE.equals(v.bool("secure_boot_enabled"))
                  || Boolean.TRUE.equals(v.bool("vtpm_enabled"))) {
                out.put("securityProfile.securityType", "TrustedLaunch");
              } else if (osType != null) {
                out.put("securityProfile.securityType", "Standard");
              }
              String image = "source_image_reference.0.";
              String imageReference = osType == null ? "storage_image_reference.0." : image;
              if (v.get(imageReference + "publisher") != null) {
                out.put(
                    "image.reference",
                    String.join(
                        ":",
                        v.text(imageReference + "publisher"),
                        v.text(imageReference + "offer"),
                        v.text(imageReference + "sku"),
                        String.valueOf(v.text(imageReference + "version"))));
              } else {
                TerraformFieldTable.copy(
                    v, "source_image_id", out, "image.reference", TerraformFieldTable::asText);
              }
              TerraformListBuilder extensions = new TerraformListBuilder();
              for (TerraformPart extension :
                  c.referencing("azurerm_virtual_machine_extension", "virtual_machine_id")) {
                extensions.addObject(
                    extension.values(),
                    (x, e) ->
                        e.text(x, "name", "name")
                            .text(x, "publisher", "publisher")
                            .text(x, "type", "type"));
              }
              extensions.writeTo(out, "extensions");
              if (!c.referencing("azurerm_backup_protected_vm", "source_vm_id").isEmpty()) {
                out.put("backup.enabled", true);
              } else if (c.creating() && !c.before()) {
                out.put("backup.enabled", false);
              }
            })
        .build();
  }

  private static TerraformTypeMapping application() {
    return map("azuread_application", "azure.entra.application")
        .global()
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.name(v.text("display_name"));
              String clientId = v.text("client_id");
              out.put("appId", clientId != null ? clientId : v.text("application_id"));
              if (!out.has("appId")
                  && (v.isUnknown("client_id") || v.isUnknown("application_id"))) {
                out.unknown("appId");
              }
              TerraformListBuilder credentials = new TerraformListBuilder();
              for (TerraformPart password :
                  c.referencingAny(
                      "azuread_application_password", "application_id", "application_object_id")) {
                credentials.addObject(
                    password.values(), (p, e) -> credential(p, e.put("kind", "password")));
              }
              for (TerraformPart certificate :
                  c.referencingAny(
                      "azuread_application_certificate",
                      "application_id",
                      "application_object_id")) {
                credentials.addObject(
                    certificate.values(), (p, e) -> credential(p, e.put("kind", "certificate")));
              }
              if (v.isUnknown("password")) {
                credentials.markUnknown();
              }
              for (int i = 0; i < v.size("password"); i++) {
                credentials.addObject(
                    v.at("password." + i), (p, e) -> credential(p, e.put("kind", "password")));
              }
              credentials.writeTo(out, "credentials");
            })
        .build();
  }

  private static void credential(TerraformPlanValues p, TerraformListBuilder.Element e) {
    // the secret value itself is sensitive and never read
    if (!p.isUnknown("key_id")) {
      e.put("keyId", p.text("key_id"));
    }
    e.put("displayName", p.text("display_name"));
    e.put("startAt", p.text("start_date"));
    if (p.isUnknown("end_date")) {
      e.markUnknown();
    } else {
      e.put("endAt", p.text("end_date"));
    }
  }

  private static TerraformTypeMapping user(String type) {
    boolean invitation = type.equals("azuread_invitation");
    return map(type, "azure.entra.user")
        .global()
        .text("user_principal_name", "userPrincipalName")
        .field("user_type", "userType", v -> enumText(v, "Member", "Guest"))
        .bool("account_enabled", "accountEnabled")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.name(invitation ? v.text("user_email_address") : v.text("user_principal_name"));
              if (invitation) {
                out.put("userType", "Guest");
                String email = v.text("user_email_address");
                if (email != null && email.contains("@")) {
                  out.put(
                      "externalDomain",
                      email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT));
                }
                return;
              }
              if (!v.isUnknown("user_type") && v.get("user_type") == null) {
                out.put("userType", "Member");
              }
              defaultTrue(v, "account_enabled", out, "accountEnabled");
            })
        .build();
  }

  private static TerraformTypeMapping vaultKey() {
    return map("azurerm_key_vault_key", "azure.keyvault.key")
        .field(
            "key_type",
            "keyType",
            v -> enumText(v, "RSA", "RSA-HSM", "EC", "EC-HSM", "oct", "oct-HSM"))
        .with(TerraformAzureMappings::vaultRegion)
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              expiry(v, out);
              if (!c.before()) {
                out.put("deletion.pendingDeletion", false);
              }
              if (v.isUnknown("rotation_policy")) {
                out.unknown("rotation.enabled");
                return;
              }
              boolean automatic = v.get("rotation_policy.0.automatic.0") != null;
              out.put("rotation.enabled", automatic);
              if (automatic) {
                Long after = days(v.text("rotation_policy.0.automatic.0.time_after_creation"));
                Long expire = days(v.text("rotation_policy.0.expire_after"));
                Long before = days(v.text("rotation_policy.0.automatic.0.time_before_expiry"));
                if (after != null) {
                  out.put("rotation.periodDays", after);
                } else if (expire != null && before != null) {
                  out.put("rotation.periodDays", expire - before);
                }
              }
            })
        .build();
  }

  private static TerraformTypeMapping keyVault() {
    return map("azurerm_key_vault", "azure.keyvault.vault")
        .integer("soft_delete_retention_days", "softDelete.retentionDays")
        .bool("purge_protection_enabled", "purgeProtection")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.put("softDelete.enabled", true);
              if (!v.isUnknown("soft_delete_retention_days")
                  && v.get("soft_delete_retention_days") == null) {
                out.put("softDelete.retentionDays", 90);
              }
              defaultFalse(v, "purge_protection_enabled", out, "purgeProtection");
              if (!c.before()) {
                out.put("deletion.pendingDeletion", false);
              }
              purgeSoftDeleteOnDestroy(c, out);
              diagnosticLogging(c, out, Set.of("AuditEvent"));
            })
        .build();
  }

  private static TerraformTypeMapping applicationGateway() {
    return map("azurerm_application_gateway", "azure.network.application-gateway")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              boolean unknown = v.isUnknown("frontend_ip_configuration");
              boolean publicFrontend = false;
              for (int i = 0; i < v.size("frontend_ip_configuration"); i++) {
                String path = "frontend_ip_configuration." + i + ".public_ip_address_id";
                publicFrontend |=
                    v.get(path) != null
                        || (v.isUnknown(path) && c.reference(c.self(), path).isPresent());
              }
              if (unknown) {
                out.unknown("publicFrontend");
              } else {
                out.put("publicFrontend", publicFrontend);
              }
              Optional<TerraformTarget> policy = c.reference(c.self(), "firewall_policy_id");
              if (policy.isPresent()) {
                out.put(
                    "waf.firewallPolicyId",
                    policy.get().inPlan()
                        ? policy.get().address().toString()
                        : policy.get().literal());
                Optional<TerraformPart> part = c.part(policy.get());
                if (part.isPresent()) {
                  TerraformPlanValues p = part.get().values();
                  boolean enabled = !Boolean.FALSE.equals(p.bool("policy_settings.0.enabled"));
                  out.put("waf.enabled", enabled);
                  if (enabled) {
                    TerraformFieldTable.copy(
                        p,
                        "policy_settings.0.mode",
                        out,
                        "waf.mode",
                        m -> enumText(m, "Detection", "Prevention"));
                    if (!p.isUnknown("policy_settings.0.mode")
                        && p.get("policy_settings.0.mode") == null) {
                      out.put("waf.mode", "Prevention");
                    }
                  }
                }
              } else if (v.get("waf_configuration.0") != null) {
                TerraformFieldTable.copy(
                    v,
                    "waf_configuration.0.enabled",
                    out,
                    "waf.enabled",
                    TerraformFieldTable::asBoolean);
                if (Boolean.TRUE.equals(v.bool("waf_configuration.0.enabled"))) {
                  TerraformFieldTable.copy(
                      v,
                      "waf_configuration.0.firewall_mode",
                      out,
                      "waf.mode",
                      m -> enumText(m, "Detection", "Prevention"));
                }
              } else if (!v.isUnknown("waf_configuration")) {
                out.put("waf.enabled", false);
              }
            })
        .build();
  }

  private static TerraformTypeMapping dnsZone() {
    return map("azurerm_dns_zone", "azure.network.dns-zone")
        .global()
        .with(
            (c, out) -> {
              TerraformListBuilder records = new TerraformListBuilder();
              String[][] kinds = {
                {"azurerm_dns_a_record", "A"},
                {"azurerm_dns_aaaa_record", "AAAA"},
                {"azurerm_dns_cname_record", "CNAME"},
                {"azurerm_dns_txt_record", "TXT"},
                {"azurerm_dns_mx_record", "MX"}
              };
              for (String[] kind : kinds) {
                for (TerraformPart record : c.companions(kind[0])) {
                  records.addObject(
                      record.values(),
                      (r, e) -> {
                        e.text(r, "name", "name").put("type", kind[1]);
                        target(c, record, "target_resource_id", "aliasTargetId", e);
                        if (kind[1].equals("CNAME")) {
                          e.text(r, "record", "cname");
                        } else if (kind[1].equals("A") || kind[1].equals("AAAA")) {
                          e.strings(r, "records", "ipAddresses");
                        } else if (kind[1].equals("TXT")) {
                          var txt = JsonNodeFactory.instance.arrayNode();
                          for (int i = 0; i < r.size("record"); i++) {
                            if (r.isUnknown("record." + i + ".value")) {
                              e.markUnknown();
                            }
                            String value = r.text("record." + i + ".value");
                            if (value != null) {
                              txt.add(value);
                            }
                          }
                          e.put("txt", txt);
                        }
                      });
                }
              }
              records.writeTo(out, "recordSets");
            })
        .build();
  }

  private static TerraformTypeMapping nsg() {
    return map("azurerm_network_security_group", "azure.network.nsg")
        .with(
            (c, out) -> {
              TerraformListBuilder rules = new TerraformListBuilder();
              rules.each(c.values(), "security_rule", TerraformAzureMappings::securityRule);
              for (TerraformPart rule : c.companions("azurerm_network_security_rule")) {
                rules.addObject(rule.values(), TerraformAzureMappings::securityRule);
              }
              rules.writeTo(out, "securityRules");
            })
        .build();
  }

  private static void securityRule(TerraformPlanValues r, TerraformListBuilder.Element e) {
    e.text(r, "name", "name")
        .integer(r, "priority", "priority")
        .copy(r, "direction", "direction", v -> enumText(v, "Inbound", "Outbound"))
        .copy(r, "access", "access", v -> enumText(v, "Allow", "Deny"))
        .copy(r, "protocol", "protocol", v -> enumText(v, "Tcp", "Udp", "Icmp", "Esp", "Ah", "*"));
    var prefixes = JsonNodeFactory.instance.arrayNode();
    if (r.isUnknown("source_address_prefix")
        || r.isUnknown("source_address_prefixes")
        || r.isUnknown("destination_port_range")
        || r.isUnknown("destination_port_ranges")) {
      e.markUnknown();
      return;
    }
    String prefix = r.text("source_address_prefix");
    if (prefix != null && !prefix.isEmpty()) {
      prefixes.add(prefix);
    }
    texts(r.get("source_address_prefixes")).forEach(prefixes::add);
    e.put("sourceAddressPrefixes", prefixes);
    var ports = JsonNodeFactory.instance.arrayNode();
    List<String> ranges = new ArrayList<>();
    String range = r.text("destination_port_range");
    if (range != null && !range.isEmpty()) {
      ranges.add(range);
    }
    ranges.addAll(texts(r.get("destination_port_ranges")));
    for (String text : ranges) {
      var port = JsonNodeFactory.instance.objectNode();
      if (text.equals("*")) {
        port.put("from", 0).put("to", 65535);
      } else {
        String[] bounds = text.split("-", 2);
        try {
          port.put("from", Integer.parseInt(bounds[0].trim()));
          port.put("to", Integer.parseInt(bounds[bounds.length - 1].trim()));
        } catch (NumberFormatException ex) {
          continue;
        }
      }
      ports.add(port);
    }
    e.put("destinationPorts", ports);
  }

  private static TerraformTypeMapping vnet() {
    return map("azurerm_virtual_network", "azure.network.vnet")
        .bool("ddos_protection_plan.0.enable", "ddosProtection.enabled")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              if (!v.isUnknown("ddos_protection_plan") && v.size("ddos_protection_plan") == 0) {
                out.put("ddosProtection.enabled", false);
              }
              TerraformListBuilder subnets = new TerraformListBuilder();
              subnets.each(
                  v,
                  "subnet",
                  (s, e) -> {
                    e.text(s, "name", "name")
                        .text(s, "id", "id")
                        .text(s, "security_group", "networkSecurityGroupId");
                    if (s.get("address_prefixes") != null || s.isUnknown("address_prefixes")) {
                      e.strings(s, "address_prefixes", "addressPrefixes");
                    } else if (s.text("address_prefix") != null) {
                      e.put(
                          "addressPrefixes",
                          JsonNodeFactory.instance.arrayNode().add(s.text("address_prefix")));
                    }
                  });
              List<TerraformPart> associations =
                  c.planResources("azurerm_subnet_network_security_group_association");
              for (TerraformPart subnet : c.companions("azurerm_subnet")) {
                subnets.addObject(
                    subnet.values(),
                    (s, e) -> {
                      e.text(s, "name", "name").strings(s, "address_prefixes", "addressPrefixes");
                      if (!s.isUnknown("id")) {
                        e.put("id", s.text("id"));
                      }
                      for (TerraformPart association : associations) {
                        Optional<TerraformTarget> target = c.reference(association, "subnet_id");
                        if (target.isPresent()
                            && subnet.resource().address().equals(target.get().address())) {
                          Optional<TerraformTarget> nsg =
                              c.reference(association, "network_security_group_id");
                          e.put(
                              "networkSecurityGroupId",
                              nsg.map(n -> n.inPlan() ? n.address().toString() : n.literal())
                                  .orElse(null));
                        }
                      }
                    });
              }
              subnets.writeTo(out, "subnets");
              TerraformListBuilder peerings = new TerraformListBuilder();
              for (TerraformPart peering : c.companions("azurerm_virtual_network_peering")) {
                peerings.addObject(
                    peering.values(),
                    (p, e) -> {
                      e.text(p, "name", "name");
                      Optional<TerraformTarget> remote =
                          c.reference(peering, "remote_virtual_network_id");
                      if (p.isUnknown("remote_virtual_network_id")) {
                        if (remote.isPresent() && remote.get().inPlan()) {
                          e.put("remoteVirtualNetworkId", remote.get().address().toString());
                        } else {
                          e.markUnknown();
                        }
                      } else {
                        String id = p.text("remote_virtual_network_id");
                        e.put("remoteVirtualNetworkId", id)
                            .put("remoteSubscriptionId", subscriptionOf(id));
                      }
                    });
              }
              peerings.writeTo(out, "peerings");
            })
        .build();
  }

  private static TerraformTypeMapping recoveryVault() {
    return map("azurerm_recovery_services_vault", "azure.recoveryservices.vault")
        .field("soft_delete_enabled", "softDelete.state", TerraformAzureMappings::enabledDisabled)
        .field(
            "immutability",
            "immutability.state",
            v -> enumText(v, "Disabled", "Unlocked", "Locked"))
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              if (!v.isUnknown("soft_delete_enabled") && v.get("soft_delete_enabled") == null) {
                out.put("softDelete.state", "Enabled");
              }
              if (!v.isUnknown("immutability") && v.get("immutability") == null) {
                out.put("immutability.state", "Disabled");
              }
              if (v.isUnknown("encryption")) {
                out.unknown("encryption.customerManagedKey");
              } else if (v.get("encryption.0") != null) {
                out.put("encryption.customerManagedKey", true);
                TerraformFieldTable.copy(
                    v, "encryption.0.key_id", out, "encryption.keyId", TerraformFieldTable::asText);
              } else {
                out.put("encryption.customerManagedKey", false);
              }
              if (!v.isUnknown("storage_mode_type")) {
                TerraformListBuilder destinations = new TerraformListBuilder();
                String mode = v.text("storage_mode_type");
                if (mode == null || mode.equals("GeoRedundant")) {
                  destinations.addObject(v, (x, e) -> e.put("kind", "geo").put("encrypted", true));
                }
                for (TerraformPart item : c.companions("azurerm_site_recovery_replicated_vm")) {
                  destinations.addObject(
                      item.values(),
                      (r, e) -> {
                        e.put("kind", "site-recovery")
                            .put("encrypted", true)
                            .text(r, "target_resource_group_id", "target");
                      });
                }
                destinations.writeTo(out, "replication.destinations");
              }
              TerraformListBuilder items = new TerraformListBuilder();
              for (TerraformPart item : c.companions("azurerm_backup_protected_vm")) {
                items.addObject(
                    item.values(),
                    (i, e) -> {
                      e.put("workloadType", "VM");
                      target(c, item, "source_vm_id", "sourceResourceId", e);
                    });
              }
              items.writeTo(out, "protectedItems");
            })
        .build();
  }

  private static TerraformTypeMapping sqlServer() {
    return map("azurerm_mssql_server", "azure.sql.server")
        .field("minimum_tls_version", "tls.minimumVersion", TerraformAzureMappings::tlsVersion)
        .field(
            "public_network_access_enabled",
            "publicNetworkAccess",
            TerraformAzureMappings::enabledDisabled)
        .with(TerraformAzureMappings::lock)
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              defaultTrueText(
                  v, "public_network_access_enabled", out, "publicNetworkAccess", "Enabled");
              if (!v.isUnknown("minimum_tls_version") && v.get("minimum_tls_version") == null) {
                out.put("tls.minimumVersion", "1.2");
              }
              TerraformListBuilder rules = new TerraformListBuilder();
              for (TerraformPart rule : c.companions("azurerm_mssql_firewall_rule")) {
                rules.addObject(
                    rule.values(),
                    (r, e) ->
                        e.text(r, "name", "name")
                            .text(r, "start_ip_address", "startIpAddress")
                            .text(r, "end_ip_address", "endIpAddress"));
              }
              rules.writeTo(out, "firewallRules");
              Optional<TerraformPart> tde =
                  c.companion("azurerm_mssql_server_transparent_data_encryption");
              if (tde.isPresent()) {
                TerraformPart part = tde.get();
                if (part.values().isUnknown("key_vault_key_id")
                    && c.reference(part, "key_vault_key_id").isEmpty()) {
                  out.unknown("encryption.customerManagedKey");
                } else {
                  Optional<TerraformTarget> key = c.reference(part, "key_vault_key_id");
                  boolean customer = key.isPresent();
                  out.put("encryption.customerManagedKey", customer);
                  out.put(
                      "encryption.serverKeyType", customer ? "AzureKeyVault" : "ServiceManaged");
                  key.filter(TerraformTarget::inPlan)
                      .ifPresent(
                          k ->
                              out.reference(
                                  "kmsKey", "azure.keyvault.key", k.address().toString()));
                  TerraformFieldTable.copy(
                      part.values(),
                      "key_vault_key_id",
                      out,
                      "encryption.keyId",
                      TerraformFieldTable::asText);
                }
              } else if (c.creating()) {
                out.put("encryption.customerManagedKey", false);
                out.put("encryption.serverKeyType", "ServiceManaged");
              }
              Optional<TerraformPart> audit =
                  c.companion("azurerm_mssql_server_extended_auditing_policy");
              if (audit.isPresent()) {
                TerraformPlanValues a = audit.get().values();
                TerraformFieldTable.copy(
                    a, "enabled", out, "logging.enabled", TerraformFieldTable::asBoolean);
                defaultTrue(a, "enabled", out, "logging.enabled");
                TerraformFieldTable.copy(
                    a,
                    "retention_in_days",
                    out,
                    "logging.retentionDays",
                    TerraformFieldTable::asInteger);
              } else if (c.creating()) {
                out.put("logging.enabled", false);
              }
            })
        .build();
  }

  private static void defaultTrueText(
      TerraformPlanValues v, String from, TerraformAttributeWriter out, String to, String value) {
    if (!v.isUnknown(from) && v.get(from) == null) {
      out.put(to, value);
    }
  }

  private static TerraformTypeMapping storageAccount() {
    return map("azurerm_storage_account", "azure.storage.account")
        .field(
            "account_kind",
            "kind",
            v ->
                enumText(
                    v, "Storage", "StorageV2", "BlobStorage", "BlockBlobStorage", "FileStorage"))
        .bool("infrastructure_encryption_enabled", "encryption.infrastructureEncryption")
        .field("min_tls_version", "tls.minimumVersion", TerraformAzureMappings::tlsVersion)
        .field(
            "public_network_access_enabled",
            "network.publicNetworkAccess",
            TerraformAzureMappings::enabledDisabled)
        .bool("shared_access_key_enabled", "sharedKey.allowed")
        .bool("blob_properties.0.versioning_enabled", "versioning.enabled")
        .with(TerraformAzureMappings::lock)
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              String tier = v.text("account_tier");
              String replication = v.text("account_replication_type");
              if (v.isUnknown("account_tier") || v.isUnknown("account_replication_type")) {
                out.unknown("sku");
              } else if (tier != null && replication != null) {
                out.put("sku", tier + "_" + replication);
              }
              defaultFalse(
                  v,
                  "infrastructure_encryption_enabled",
                  out,
                  "encryption.infrastructureEncryption");
              defaultTrue(v, "shared_access_key_enabled", out, "sharedKey.allowed");
              defaultTrueText(
                  v,
                  "public_network_access_enabled",
                  out,
                  "network.publicNetworkAccess",
                  "Enabled");
              for (String https :
                  List.of("https_traffic_only_enabled", "enable_https_traffic_only")) {
                TerraformFieldTable.copy(
                    v, https, out, "tls.httpsOnly", TerraformFieldTable::asBoolean);
              }
              for (String anonymous :
                  List.of("allow_nested_items_to_be_public", "allow_blob_public_access")) {
                TerraformFieldTable.copy(
                    v,
                    anonymous,
                    out,
                    "publicAccess.anonymousBlobAccess",
                    TerraformFieldTable::asBoolean);
              }
              if (!v.isUnknown("blob_properties")
                  && v.get("blob_properties.0.versioning_enabled") == null) {
                out.put("versioning.enabled", false);
              }
              // encryption: always on; a customer key from the companion or the inline block
              out.put("encryption.enabled", true);
              Optional<TerraformPart> cmk =
                  c.companion("azurerm_storage_account_customer_managed_key");
              TerraformPart keyPart = null;
              String keyArgument = null;
              if (cmk.isPresent()) {
                keyPart = cmk.get();
                keyArgument = "key_vault_key_id";
              } else if (v.get("customer_managed_key.0") != null) {
                keyPart = c.self();
                keyArgument = "customer_managed_key.0.key_vault_key_id";
              }
              if (keyPart != null) {
                out.put("encryption.customerManagedKey", true);
                out.put("encryption.keySource", "Microsoft.Keyvault");
                Optional<TerraformTarget> key = c.reference(keyPart, keyArgument);
                key.filter(TerraformTarget::inPlan)
                    .ifPresent(
                        k -> out.reference("kmsKey", "azure.keyvault.key", k.address().toString()));
                TerraformFieldTable.copy(
                    keyPart.values(),
                    keyArgument,
                    out,
                    "encryption.keyId",
                    TerraformFieldTable::asText);
              } else if (v.hasUnknownInside("customer_managed_key")) {
                out.unknown("encryption.customerManagedKey");
              } else {
                out.put("encryption.customerManagedKey", false);
                out.put("encryption.keySource", "Microsoft.Storage");
              }
              // network rules: inline block or companion; Azure allows all without rules
              Optional<TerraformPart> rules = c.companion("azurerm_storage_account_network_rules");
              if (rules.isPresent()) {
                TerraformFieldTable.copy(
                    rules.get().values(),
                    "default_action",
                    out,
                    "network.defaultAction",
                    a -> enumText(a, "Allow", "Deny"));
              } else if (v.get("network_rules.0") != null) {
                TerraformFieldTable.copy(
                    v,
                    "network_rules.0.default_action",
                    out,
                    "network.defaultAction",
                    a -> enumText(a, "Allow", "Deny"));
              } else if (!v.isUnknown("network_rules") && c.creating()) {
                out.put("network.defaultAction", "Allow");
              }
              immutability(v, out);
              storageLifecycle(c, out);
              storageReplication(c, out, replication);
              diagnosticLogging(c, out, Set.of("StorageRead", "StorageWrite", "StorageDelete"));
            })
        .build();
  }

  private static void immutability(TerraformPlanValues v, TerraformAttributeWriter out) {
    if (v.isUnknown("immutability_policy")) {
      out.unknown("immutability.state");
      return;
    }
    if (v.get("immutability_policy.0") == null) {
      out.put("immutability.state", "Disabled");
      return;
    }
    TerraformFieldTable.copy(
        v,
        "immutability_policy.0.state",
        out,
        "immutability.state",
        s -> enumText(s, "Disabled", "Unlocked", "Locked"));
    TerraformFieldTable.copy(
        v,
        "immutability_policy.0.period_since_creation_in_days",
        out,
        "immutability.periodDays",
        TerraformFieldTable::asInteger);
  }

  private static void storageLifecycle(TerraformMappingContext c, TerraformAttributeWriter out) {
    Optional<TerraformPart> policy = c.companion("azurerm_storage_management_policy");
    if (policy.isEmpty()) {
      return;
    }
    TerraformPlanValues v = policy.get().values();
    if (v.isUnknown("rule")) {
      out.unknown("lifecycle.expirationDays");
      return;
    }
    Long base = null;
    Long version = null;
    Long snapshot = null;
    for (int i = 0; i < v.size("rule"); i++) {
      TerraformPlanValues rule = v.at("rule." + i);
      if (Boolean.FALSE.equals(rule.bool("enabled"))) {
        continue;
      }
      String actions = "actions.0.";
      base =
          TerraformAwsMappings.min(
              base,
              rule.number(
                  actions + "base_blob.0.delete_after_days_since_modification_greater_than"));
      base =
          TerraformAwsMappings.min(
              base,
              rule.number(actions + "base_blob.0.delete_after_days_since_creation_greater_than"));
      version =
          TerraformAwsMappings.min(
              version, rule.number(actions + "version.0.delete_after_days_since_creation"));
      snapshot =
          TerraformAwsMappings.min(
              snapshot,
              rule.number(actions + "snapshot.0.delete_after_days_since_creation_greater_than"));
    }
    if (base != null) {
      out.put("lifecycle.expirationDays", base);
    }
    if (version != null) {
      out.put("lifecycle.noncurrentExpirationDays", version);
    }
    if (snapshot != null) {
      out.put("lifecycle.snapshotExpirationDays", snapshot);
    }
  }

  private static void storageReplication(
      TerraformMappingContext c, TerraformAttributeWriter out, String replication) {
    TerraformPlanValues v = c.values();
    if (v.isUnknown("account_replication_type")) {
      out.unknown("replication.destinations");
      return;
    }
    TerraformListBuilder destinations = new TerraformListBuilder();
    if (replication != null && replication.contains("GRS")
        || replication != null && replication.contains("GZRS")) {
      destinations.addObject(
          v,
          (x, e) -> {
            e.put("kind", "geo").put("encrypted", true);
            if (!x.isUnknown("secondary_location")) {
              String secondary = TerraformCloud.azureLocation(x.text("secondary_location"));
              e.put("region", secondary);
            }
          });
    }
    for (TerraformPart policy :
        c.referencing("azurerm_storage_object_replication", "source_storage_account_id")) {
      destinations.addObject(
          policy.values(),
          (p, e) -> {
            e.put("kind", "object").put("encrypted", true);
            Optional<TerraformTarget> target =
                c.reference(policy, "destination_storage_account_id");
            if (target.isPresent()) {
              e.put(
                  "target",
                  target.get().inPlan()
                      ? target.get().address().toString()
                      : target.get().literal());
              c.part(target.get())
                  .ifPresent(
                      d ->
                          e.put(
                              "region", TerraformCloud.azureLocation(d.values().text("location"))));
            } else {
              e.markUnknown();
            }
          });
    }
    destinations.writeTo(out, "replication.destinations");
  }

  private static TerraformTypeMapping webApp(String type) {
    boolean function = type.contains("function");
    boolean linux = type.contains("linux");
    return map(type, "azure.web.app")
        .field(
            "site_config.0.minimum_tls_version",
            "tls.minimumVersion",
            TerraformAzureMappings::tlsVersion)
        .field(
            "site_config.0.min_tls_version",
            "tls.minimumVersion",
            TerraformAzureMappings::tlsVersion)
        .bool("https_only", "tls.httpsOnly")
        .field(
            "public_network_access_enabled",
            "network.publicNetworkAccess",
            TerraformAzureMappings::enabledDisabled)
        .field(
            "site_config.0.ip_restriction_default_action",
            "network.accessRestrictionDefaultAction",
            v -> enumText(v, "Allow", "Deny"))
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.put("kind", (function ? "functionapp" : "app") + (linux ? ",linux" : ""));
              defaultFalse(v, "https_only", out, "tls.httpsOnly");
              defaultTrueText(
                  v,
                  "public_network_access_enabled",
                  out,
                  "network.publicNetworkAccess",
                  "Enabled");
              runtime(v, out);
              TerraformListBuilder restrictions = new TerraformListBuilder();
              restrictions.each(
                  v,
                  "site_config.0.ip_restriction",
                  (r, e) ->
                      e.text(r, "name", "name")
                          .copy(r, "action", "action", a -> enumText(a, "Allow", "Deny"))
                          .text(r, "ip_address", "ipAddress")
                          .text(r, "virtual_network_subnet_id", "vnetSubnetResourceId")
                          .copy(r, "service_tag", "tag", t -> TextNode.valueOf("ServiceTag")));
              restrictions.writeTo(out, "network.accessRestrictions");
              if (!out.has("network.accessRestrictionDefaultAction") && !restrictions.unknown()) {
                boolean anyAllow = false;
                for (JsonNode restriction : restrictions.items()) {
                  anyAllow |= "Allow".equals(restriction.path("action").asText("Allow"));
                }
                out.put("network.accessRestrictionDefaultAction", anyAllow ? "Deny" : "Allow");
              }
              if (!v.isUnknown("default_hostname") && v.text("default_hostname") != null) {
                out.put(
                    "hostNames",
                    JsonNodeFactory.instance
                        .arrayNode()
                        .add(v.text("default_hostname").toLowerCase(Locale.ROOT)));
              }
            })
        .build();
  }

  // application_stack as App Service names it, and in the deprecatedRuntimes vocabulary
  private static void runtime(TerraformPlanValues v, TerraformAttributeWriter out) {
    String base = "site_config.0.application_stack.0.";
    if (v.isUnknown("site_config.0.application_stack")) {
      out.unknown("runtime.stack");
      out.unknown("runtime.name");
      return;
    }
    String[][] stacks = {
      {"python_version", "PYTHON", "python"},
      {"node_version", "NODE", "nodejs"},
      {"dotnet_version", "DOTNETCORE", "dotnet"},
      {"java_version", "JAVA", "java"},
      {"php_version", "PHP", "php"},
      {"ruby_version", "RUBY", "ruby"},
      {"powershell_core_version", "POWERSHELL", "powershell"}
    };
    for (String[] stack : stacks) {
      String version = v.text(base + stack[0]);
      if (version == null || version.isEmpty()) {
        continue;
      }
      out.put("runtime.stack", stack[1] + "|" + version);
      String name;
      switch (stack[2]) {
        case "nodejs" -> name = "nodejs" + version.replaceAll("[^0-9].*$", "") + ".x";
        case "dotnet" -> {
          String clean = version.replaceFirst("^v", "");
          name =
              clean.startsWith("3.") || clean.startsWith("2.")
                  ? "dotnetcore" + clean
                  : "dotnet" + clean.replaceAll("\\..*$", "");
        }
        case "java" -> name = "java" + version.replaceAll("[^0-9].*$", "");
        default -> name = stack[2] + version;
      }
      out.put("runtime.name", name);
      return;
    }
  }

  // ---------------------------------------------------------------- aggregates

  private static boolean isSubscriptionScope(String scope) {
    return scope != null && SUBSCRIPTION.matcher(scope).matches();
  }

  private static String subscriptionScope(TerraformPart part, TerraformProviderSettings settings) {
    TerraformPlanValues v = part.values();
    for (String argument : List.of("scope", "target_resource_id", "subscription_id")) {
      String value = v.text(argument);
      String subscription = subscriptionOf(value);
      if (subscription != null) {
        return subscription;
      }
      if (argument.equals("subscription_id") && value != null) {
        return value;
      }
    }
    for (String scope : texts(v.get("scopes"))) {
      if (subscriptionOf(scope) != null) {
        return subscriptionOf(scope);
      }
    }
    return settings.account();
  }

  private static TerraformAggregateMapping subscription() {
    return new TerraformAggregateMapping(
        "azure.subscription",
        Set.of(
            "azurerm_subscription",
            "azurerm_role_assignment",
            "azurerm_monitor_diagnostic_setting",
            "azurerm_monitor_activity_log_alert",
            "azurerm_security_center_contact",
            "azurerm_security_center_setting",
            "azurerm_lighthouse_assignment"),
        false,
        TerraformAzureMappings::subscriptionScope,
        part ->
            switch (part.type()) {
              case "azurerm_role_assignment", "azurerm_lighthouse_assignment" ->
                  isSubscriptionScope(part.values().text("scope"));
              case "azurerm_monitor_diagnostic_setting" ->
                  isSubscriptionScope(part.values().text("target_resource_id"));
              default -> true;
            },
        (account, region) -> "/subscriptions/" + account,
        (c, out) -> {
          // lists hold what the plan configures; each is set only when the plan has that kind
          List<TerraformPart> settings = c.companions("azurerm_monitor_diagnostic_setting");
          if (!settings.isEmpty()) {
            TerraformListBuilder list = new TerraformListBuilder();
            for (TerraformPart setting : settings) {
              list.addObject(setting.values(), (s, e) -> diagnosticEntry(c, setting, e));
            }
            list.writeTo(out, "activityLog.diagnosticSettings");
          }
          List<TerraformPart> alerts = c.companions("azurerm_monitor_activity_log_alert");
          if (!alerts.isEmpty()) {
            TerraformListBuilder list = new TerraformListBuilder();
            for (TerraformPart alert : alerts) {
              list.addObject(
                  alert.values(),
                  (a, e) -> {
                    e.text(a, "name", "name")
                        .bool(a, "enabled", "enabled")
                        .text(a, "criteria.0.category", "category");
                    if (a.get("enabled") == null && !a.isUnknown("enabled")) {
                      e.put("enabled", true);
                    }
                    var operations = JsonNodeFactory.instance.arrayNode();
                    String operation = a.text("criteria.0.operation_name");
                    if (operation != null) {
                      operations.add(operation);
                    }
                    e.put("operationNames", operations);
                    var groups = JsonNodeFactory.instance.arrayNode();
                    for (int i = 0; i < a.size("action"); i++) {
                      if (a.isUnknown("action." + i + ".action_group_id")) {
                        e.markUnknown();
                      }
                      String group = a.text("action." + i + ".action_group_id");
                      if (group != null) {
                        groups.add(group);
                      }
                    }
                    e.put("actionGroupIds", groups);
                  });
            }
            list.writeTo(out, "activityLogAlerts");
          }
          List<TerraformPart> contacts = c.companions("azurerm_security_center_contact");
          if (!contacts.isEmpty()) {
            TerraformListBuilder list = new TerraformListBuilder();
            for (TerraformPart contact : contacts) {
              list.addObject(
                  contact.values(),
                  (s, e) -> {
                    e.text(s, "name", "name").bool(s, "alert_notifications", "alertNotifications");
                    var emails = JsonNodeFactory.instance.arrayNode();
                    String email = s.text("email");
                    if (email != null) {
                      for (String one : email.split(";")) {
                        emails.add(one.trim());
                      }
                    }
                    e.put("emails", emails);
                  });
            }
            list.writeTo(out, "securityContacts");
          }
          for (TerraformPart setting : c.companions("azurerm_security_center_setting")) {
            if ("WDATP".equals(setting.values().text("setting_name"))) {
              TerraformFieldTable.copy(
                  setting.values(),
                  "enabled",
                  out,
                  "defender.wdatpEnabled",
                  TerraformFieldTable::asBoolean);
            }
          }
          List<TerraformPart> delegations = c.companions("azurerm_lighthouse_assignment");
          if (!delegations.isEmpty()) {
            TerraformListBuilder list = new TerraformListBuilder();
            for (TerraformPart delegation : delegations) {
              list.addObject(delegation.values(), (d, e) -> e.text(d, "name", "name"));
            }
            list.writeTo(out, "lighthouse");
          }
          for (TerraformPart subscription : c.companions("azurerm_subscription")) {
            out.name(subscription.values().text("subscription_name"));
          }
        });
  }

  private static void diagnosticEntry(
      TerraformMappingContext c, TerraformPart setting, TerraformListBuilder.Element e) {
    TerraformPlanValues s = setting.values();
    e.text(s, "name", "name");
    if (s.isUnknown("enabled_log") || s.isUnknown("log")) {
      e.markUnknown();
      return;
    }
    var destinations = JsonNodeFactory.instance.arrayNode();
    diagnosticDestinations(c, setting).forEach(destinations::add);
    var categories = JsonNodeFactory.instance.arrayNode();
    diagnosticCategories(s).forEach(categories::add);
    e.put("destinations", destinations).put("categories", categories);
  }

  private static TerraformAggregateMapping tenant() {
    return new TerraformAggregateMapping(
        "azure.entra.tenant",
        Set.of(
            "azuread_conditional_access_policy",
            "azuread_named_location",
            "azuread_directory_role_assignment",
            "azurerm_monitor_aad_diagnostic_setting"),
        false,
        (part, settings) -> settings.pin("tenant_id"),
        null,
        (account, region) -> account.isEmpty() ? "entra-tenant" : account,
        (c, out) -> {
          List<TerraformPart> policies = c.companions("azuread_conditional_access_policy");
          if (!policies.isEmpty()) {
            TerraformListBuilder list = new TerraformListBuilder();
            for (TerraformPart policy : policies) {
              list.addObject(
                  policy.values(),
                  (p, e) -> {
                    if (!p.isUnknown("id")) {
                      e.put("id", p.text("id"));
                    }
                    e.text(p, "display_name", "displayName")
                        .copy(
                            p,
                            "state",
                            "state",
                            s ->
                                enumText(
                                    s, "enabled", "disabled", "enabledForReportingButNotEnforced"))
                        .strings(p, "conditions.0.users.0.included_users", "includeUsers")
                        .strings(p, "conditions.0.users.0.excluded_users", "excludeUsers")
                        .strings(p, "conditions.0.users.0.included_roles", "includeRoles")
                        .strings(
                            p,
                            "conditions.0.applications.0.included_applications",
                            "includeApplications")
                        .strings(p, "grant_controls.0.built_in_controls", "builtInControls")
                        .text(
                            p,
                            "grant_controls.0.authentication_strength_policy_id",
                            "authenticationStrength");
                    if ("hours"
                        .equalsIgnoreCase(p.text("session_controls.0.sign_in_frequency_period"))) {
                      e.integer(p, "session_controls.0.sign_in_frequency", "signInFrequencyHours");
                    } else if ("days"
                            .equalsIgnoreCase(p.text("session_controls.0.sign_in_frequency_period"))
                        && p.number("session_controls.0.sign_in_frequency") != null) {
                      e.put(
                          "signInFrequencyHours",
                          p.number("session_controls.0.sign_in_frequency") * 24);
                    }
                  });
            }
            list.writeTo(out, "conditionalAccessPolicies");
          }
          List<TerraformPart> locations = c.companions("azuread_named_location");
          if (!locations.isEmpty()) {
            TerraformListBuilder list = new TerraformListBuilder();
            for (TerraformPart location : locations) {
              list.addObject(
                  location.values(),
                  (l, e) -> {
                    e.text(l, "display_name", "name");
                    if (l.get("ip.0") != null) {
                      e.put("kind", "ip").bool(l, "ip.0.trusted", "trusted");
                    } else {
                      e.put("kind", "country").put("trusted", false);
                    }
                  });
            }
            list.writeTo(out, "namedLocations");
          }
          List<TerraformPart> admins = new ArrayList<>();
          for (TerraformPart assignment : c.companions("azuread_directory_role_assignment")) {
            Optional<TerraformTarget> role = c.reference(assignment, "role_id");
            Optional<TerraformPart> rolePart = c.part(role.orElse(null));
            String roleId = assignment.values().text("role_id");
            String template = rolePart.map(r -> r.values().text("template_id")).orElse(null);
            if (GLOBAL_ADMIN_ROLE.equals(roleId) || GLOBAL_ADMIN_ROLE.equals(template)) {
              admins.add(assignment);
            }
          }
          if (!admins.isEmpty()) {
            TerraformListBuilder list = new TerraformListBuilder();
            for (TerraformPart admin : admins) {
              list.addObject(
                  admin.values(),
                  (a, e) -> {
                    Optional<TerraformTarget> principal = c.reference(admin, "principal_object_id");
                    if (a.isUnknown("principal_object_id")) {
                      e.put(
                          "id",
                          principal
                              .filter(TerraformTarget::inPlan)
                              .map(p -> p.address().toString())
                              .orElse(null));
                      principal
                          .filter(TerraformTarget::inPlan)
                          .ifPresent(p -> e.put("type", typeOf(p)));
                    } else {
                      e.put("id", a.text("principal_object_id"));
                    }
                  });
            }
            list.writeTo(out, "globalAdmins");
          }
          List<TerraformPart> diagnostics = c.companions("azurerm_monitor_aad_diagnostic_setting");
          if (!diagnostics.isEmpty()) {
            TerraformListBuilder list = new TerraformListBuilder();
            for (TerraformPart setting : diagnostics) {
              list.addObject(setting.values(), (s, e) -> diagnosticEntry(c, setting, e));
            }
            list.writeTo(out, "diagnosticSettings");
          }
        });
  }

  private static String typeOf(TerraformTarget principal) {
    return switch (principal.terraformType()) {
      case "azuread_user" -> "user";
      case "azuread_service_principal" -> "servicePrincipal";
      case "azuread_group" -> "group";
      default -> null;
    };
  }
}
