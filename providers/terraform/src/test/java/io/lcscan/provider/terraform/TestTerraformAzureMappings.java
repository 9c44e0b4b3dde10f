package io.lcscan.provider.terraform;

import static io.lcscan.provider.terraform.TerraformPlanFixtures.read;
import static io.lcscan.provider.terraform.TerraformPlanFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceRef;
import org.junit.jupiter.api.Test;

class TestTerraformAzureMappings {
  private final TerraformPlanResult result = read("azure-types.json");

  private Resource get(String address) {
    return resource(result, address);
  }

  @Test
  void storageAccountWithItsCompanions() {
    Resource account = get("azurerm_storage_account.data");
    assertThat(account.region()).isEqualTo("japaneast");
    assertThat(account.account()).isEqualTo("0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b");
    assertThat(account.attributes().at("/encryption/customerManagedKey").asBoolean()).isTrue();
    assertThat(account.references())
        .contains(new ResourceRef("kmsKey", "azure.keyvault.key", "azurerm_key_vault_key.cmk"));
    assertThat(account.attributes().at("/tls/minimumVersion").asText()).isEqualTo("1.2");
    assertThat(account.attributes().at("/network/defaultAction").asText()).isEqualTo("Deny");
    assertThat(account.attributes().at("/lifecycle/expirationDays").asInt()).isEqualTo(365);
    assertThat(account.attributes().at("/logging/enabled").asBoolean()).isTrue();
    assertThat(account.attributes().at("/deletionProtection").asBoolean()).isTrue();
    assertThat(account.attributes().at("/replication/destinations/0/kind").asText())
        .isEqualTo("geo");
  }

  @Test
  void vaultKeysAndDisks() {
    Resource vault = get("azurerm_key_vault.main");
    assertThat(vault.attributes().at("/purgeProtection").asBoolean()).isTrue();
    assertThat(vault.attributes().at("/softDelete/retentionDays").asInt()).isEqualTo(90);
    assertThat(vault.attributes().at("/logging/enabled").asBoolean()).isTrue();
    Resource key = get("azurerm_key_vault_key.cmk");
    assertThat(key.region()).isEqualTo("japaneast");
    assertThat(key.attributes().at("/rotation/periodDays").asInt()).isEqualTo(90);
    Resource disk = get("azurerm_managed_disk.data");
    assertThat(disk.attributes().at("/encryption/type").asText())
        .isEqualTo("EncryptionAtRestWithCustomerKey");
    assertThat(disk.attributes().at("/attached").asBoolean()).isTrue();
    assertThat(disk.attributes().at("/network/accessPolicy").asText()).isEqualTo("DenyAll");
  }

  @Test
  void publicIpNothingReferencesIsAnOrphan() {
    assertThat(get("azurerm_public_ip.unused").attributes().at("/attached").asBoolean(true))
        .isFalse();
    assertThat(get("azurerm_public_ip.gateway").attributes().at("/attached").asBoolean()).isTrue();
  }

  @Test
  void networkRules() {
    Resource nsg = get("azurerm_network_security_group.app");
    assertThat(nsg.attributes().at("/securityRules")).hasSize(2);
    assertThat(nsg.attributes().at("/securityRules/1/destinationPorts/1/to").asInt())
        .isEqualTo(3390);
    Resource vnet = get("azurerm_virtual_network.main");
    assertThat(vnet.attributes().at("/subnets/0/networkSecurityGroupId").asText())
        .isEqualTo("azurerm_network_security_group.app");
    assertThat(vnet.attributes().at("/peerings/0/remoteSubscriptionId").asText())
        .isEqualTo("99999999-8888-7777-6666-555555555555");
  }

  @Test
  void vmBackupAndTrustedLaunch() {
    Resource vm = get("azurerm_linux_virtual_machine.app");
    assertThat(vm.attributes().at("/securityProfile/securityType").asText())
        .isEqualTo("TrustedLaunch");
    assertThat(vm.attributes().at("/backup/enabled").asBoolean()).isTrue();
    assertThat(vm.attributes().at("/extensions/0/type").asText())
        .isEqualTo("AzureMonitorLinuxAgent");
  }

  @Test
  void subscriptionAndTenantAggregates() {
    Resource subscription = get("/subscriptions/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b");
    assertThat(subscription.type()).isEqualTo("azure.subscription");
    assertThat(subscription.attributes().at("/activityLog/diagnosticSettings/0/categories"))
        .hasSize(2);
    assertThat(subscription.attributes().at("/defender/wdatpEnabled").asBoolean()).isTrue();
    // a role assignment is both its own resource and, at subscription scope, part of the aggregate
    assertThat(get("azurerm_role_assignment.owner").attributes().at("/roleName").asText())
        .isEqualTo("Owner");
    Resource tenant = get("11111111-2222-3333-4444-555555555555");
    assertThat(tenant.type()).isEqualTo("azure.entra.tenant");
    assertThat(tenant.attributes().at("/conditionalAccessPolicies/0/builtInControls/0").asText())
        .isEqualTo("mfa");
    assertThat(tenant.attributes().at("/globalAdmins/0/id").asText())
        .isEqualTo("azuread_user.alice");
    assertThat(tenant.attributes().at("/diagnosticSettings/0/categories/0").asText())
        .isEqualTo("SignInLogs");
  }

  @Test
  void secretsNeverLeave() throws Exception {
    String json =
        new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(result);
    assertThat(json).doesNotContain("hunter2");
  }
}
