package io.lcscan.provider.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.spi.Resource;
import io.lcscan.testing.TypeSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every resource a plan produces matches its type schema in config/types. */
class TestTerraformTypeSchemas {

  // types listed in x-lcscan.terraform that a plan cannot describe as that normalized type
  private static final Map<String, String> NOT_MAPPED =
      Map.ofEntries(
          Map.entry("aws_s3_account_public_access_block", "read by every bucket of the plan"),
          Map.entry("aws_cloudwatch_metric_alarm", "an alarm names a metric, not a log group"),
          Map.entry("aws_workspaces_directory", "read through the workspace's directory_id"),
          Map.entry("aws_workspaces_ip_group", "read through the directory's ip_group_ids"),
          Map.entry(
              "azurerm_disk_encryption_set", "read through the disk's disk_encryption_set_id"),
          Map.entry(
              "azurerm_log_analytics_cluster",
              "the plan does not link a cluster to its workspaces"),
          Map.entry(
              "azurerm_log_analytics_cluster_customer_managed_key",
              "as azurerm_log_analytics_cluster"),
          Map.entry("azurerm_storage_object_replication", "read through source_storage_account_id"),
          Map.entry(
              "azurerm_storage_container_immutability_policy",
              "it configures a container, not the account"),
          Map.entry("azurerm_virtual_machine_extension", "read through virtual_machine_id"),
          Map.entry(
              "azurerm_web_application_firewall_policy",
              "read through the gateway's firewall_policy_id"),
          Map.entry("azurerm_cdn_frontdoor_firewall_policy", "read through the security policy"),
          Map.entry("azurerm_subnet_network_security_group_association", "read through subnet_id"),
          Map.entry("azurerm_virtual_machine_data_disk_attachment", "read through managed_disk_id"),
          Map.entry("azuread_application_password", "read through application_id"),
          Map.entry("azuread_application_certificate", "read through application_id"),
          Map.entry("google_kms_key_ring", "read through the key's key_ring"),
          Map.entry("google_compute_node_template", "read through the node group's node_template"),
          Map.entry("google_compute_resource_policy", "read through the disk's resource_policies"),
          Map.entry(
              "google_logging_organization_sink", "mapped as gcp.logging.sink; not one project's"),
          Map.entry("google_logging_folder_sink", "mapped as gcp.logging.sink; not one project's"),
          Map.entry("google_cloud_asset_organization_feed", "not one project's"),
          Map.entry("google_access_context_manager_service_perimeter", "organization level"),
          Map.entry("google_access_context_manager_access_level", "organization level"));

  static List<Resource> everyResource(TerraformPlanResult result) {
    List<Resource> out = new ArrayList<>(result.inventory().resources());
    for (TerraformPlanChange change : result.changes()) {
      if (change.before() != null) {
        out.add(change.before());
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s3-companions.json",
        "modules.json",
        "lifecycle.json",
        "aws-types.json",
        "azure-types.json",
        "gcp-types.json"
      })
  void fixturesMatchTheirSchemas(String fixture) {
    TypeSchemas.assertAllValid(everyResource(TerraformPlanFixtures.read(fixture)));
  }

  @Test
  void everyMappedTypeHasASchema() {
    Set<String> known = new TreeSet<>(TypeSchemas.bundled().types());
    assertThat(known).containsAll(TerraformMappers.defaults().resourceTypes());
  }

  @Test
  void everyTerraformTypeTheSchemasNameIsHandled() {
    Set<String> handled = TerraformMappers.defaults().terraformTypes();
    Map<String, String> missing = new TreeMap<>();
    for (String type : TypeSchemas.bundled().types()) {
      JsonNode terraform =
          TypeSchemas.bundled()
              .schema(type)
              .orElseThrow()
              .getSchemaNode()
              .path("x-lcscan")
              .path("terraform");
      for (JsonNode name : terraform) {
        if (!handled.contains(name.asText()) && !NOT_MAPPED.containsKey(name.asText())) {
          missing.put(name.asText(), type);
        }
      }
    }
    assertThat(missing).isEmpty();
  }
}
