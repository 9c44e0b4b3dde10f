package io.lcscan.provider.terraform;

import static io.lcscan.provider.terraform.TerraformPlanFixtures.read;
import static io.lcscan.provider.terraform.TerraformPlanFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceRef;
import org.junit.jupiter.api.Test;

class TestTerraformGoogleMappings {
  private final TerraformPlanResult result = read("gcp-types.json");

  private Resource get(String address) {
    return resource(result, address);
  }

  @Test
  void bucketLocationLabelsAndCmek() {
    Resource bucket = get("google_storage_bucket.data");
    assertThat(bucket.region()).isEqualTo("asia-northeast1");
    assertThat(bucket.account()).isEqualTo("acme-prod");
    assertThat(bucket.tags()).containsEntry("lc-data-class", "c3");
    assertThat(bucket.attributes().at("/encryption/customerManagedKey").asBoolean()).isTrue();
    assertThat(bucket.references())
        .contains(new ResourceRef("kmsKey", "gcp.kms.cryptokey", "google_kms_crypto_key.data"));
    assertThat(bucket.attributes().at("/publicAccess/blocked").asBoolean()).isTrue();
    assertThat(bucket.attributes().at("/lifecycle/expirationDays").asInt()).isEqualTo(365);
    assertThat(bucket.attributes().at("/lifecycle/noncurrentExpirationDays").asInt()).isEqualTo(30);
    assertThat(bucket.attributes().at("/softDelete/retentionDays").asInt()).isEqualTo(7);
  }

  @Test
  void cryptoKeyRegionComesFromItsKeyRing() {
    Resource key = get("google_kms_crypto_key.data");
    assertThat(key.region()).isEqualTo("asia-northeast1");
    assertThat(key.attributes().at("/rotation/periodDays").asInt()).isEqualTo(90);
    assertThat(key.attributes().at("/deletion/windowDays").asInt()).isEqualTo(30);
  }

  @Test
  void literalKeyNamesBecomeFullResourceNames() {
    assertThat(
            get("google_bigquery_dataset.analytics").attributes().at("/encryption/keyId").asText())
        .isEqualTo(
            "//cloudkms.googleapis.com/projects/acme-prod/locations/asia-northeast1/keyRings/platform/cryptoKeys/data");
    assertThat(
            get("google_bigquery_dataset.analytics")
                .attributes()
                .at("/publicAccess/public")
                .asBoolean())
        .isTrue();
  }

  @Test
  void firewallDefaultsAsTheApiFillsThem() {
    Resource iap = get("google_compute_firewall.iap");
    assertThat(iap.region()).isEqualTo("global");
    assertThat(iap.attributes().at("/network").asText())
        .isEqualTo("//compute.googleapis.com/projects/acme-prod/global/networks/default");
    assertThat(iap.attributes().at("/rules/0/ports/1/from").asInt()).isEqualTo(3389);
    // direction and sources only known after apply: not guessed
    assertThat(get("google_compute_firewall.open").unknownAttributes()).contains("sourceRanges");
  }

  @Test
  void instancesDisksAndAddresses() {
    Resource instance = get("google_compute_instance.app");
    assertThat(instance.region()).isEqualTo("asia-northeast1");
    assertThat(instance.attributes().at("/metadata/osLogin").asBoolean()).isTrue();
    assertThat(instance.attributes().at("/externalIps")).isEmpty();
    Resource disk = get("google_compute_disk.data");
    assertThat(disk.attributes().at("/attached").asBoolean()).isTrue();
    assertThat(disk.attributes().at("/backup/enabled").asBoolean()).isTrue();
    assertThat(get("google_compute_address.nat").attributes().at("/attached").asBoolean(true))
        .isFalse();
    assertThat(
            get("google_compute_target_https_proxy.web")
                .attributes()
                .at("/tls/minimumVersion")
                .asText())
        .isEqualTo("1.2");
  }

  @Test
  void cloudSqlLabelsLiveInSettings() {
    Resource sql = get("google_sql_database_instance.main");
    assertThat(sql.tags()).containsEntry("lc-data-class", "c3");
    assertThat(sql.attributes().at("/network/publicIp").asBoolean(true)).isFalse();
    assertThat(sql.attributes().at("/backup/retainedBackups").asInt()).isEqualTo(14);
  }

  @Test
  void projectAggregate() {
    Resource project = get("//cloudresourcemanager.googleapis.com/projects/acme-prod");
    assertThat(project.type()).isEqualTo("gcp.project");
    assertThat(project.account()).isEqualTo("acme-prod");
    assertThat(project.attributes().at("/iam/bindings/0/role").asText()).isEqualTo("roles/owner");
    assertThat(project.attributes().at("/auditConfigs/0/logTypes")).hasSize(3);
    assertThat(project.attributes().at("/orgPolicies/requireShieldedVm").asBoolean()).isTrue();
    assertThat(project.attributes().at("/osLogin/enabled").asBoolean()).isTrue();
    // an organization sink is its own resource, not part of one project
    assertThat(get("google_logging_organization_sink.org").attributes().at("/parent").asText())
        .isEqualTo("organizations/123456789012");
  }

  @Test
  void secretsNeverLeave() throws Exception {
    String json =
        new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(result);
    assertThat(json).doesNotContain("hunter2");
  }
}
