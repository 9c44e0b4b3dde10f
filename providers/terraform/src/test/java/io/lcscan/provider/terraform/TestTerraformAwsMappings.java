package io.lcscan.provider.terraform;

import static io.lcscan.provider.terraform.TerraformPlanFixtures.change;
import static io.lcscan.provider.terraform.TerraformPlanFixtures.read;
import static io.lcscan.provider.terraform.TerraformPlanFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceRef;
import org.junit.jupiter.api.Test;

class TestTerraformAwsMappings {
  private final TerraformPlanResult result = read("aws-types.json");

  private Resource get(String address) {
    return resource(result, address);
  }

  @Test
  void keysOfThePlanMakeStoresCustomerManaged() {
    for (String store :
        new String[] {
          "aws_ebs_volume.data", "aws_db_instance.main", "aws_efs_file_system.shared",
          "aws_backup_vault.main", "aws_secretsmanager_secret.db", "aws_lambda_function.api",
          "aws_cloudwatch_log_group.app", "aws_cloudtrail.org", "aws_workspaces_workspace.alice"
        }) {
      Resource resource = get(store);
      assertThat(resource.attributes().at("/encryption/customerManagedKey").asBoolean())
          .as(store)
          .isTrue();
      assertThat(resource.references())
          .as(store)
          .contains(new ResourceRef("kmsKey", "aws.kms.key", "aws_kms_key.main"));
      assertThat(resource.unknownAttributes()).as(store).contains("encryption.keyId");
    }
  }

  @Test
  void kmsKeyWithAliasRotationAndWindow() {
    Resource key = get("aws_kms_key.main");
    assertThat(key.name()).isEqualTo("alias/platform");
    assertThat(key.attributes().at("/keyManager").asText()).isEqualTo("CUSTOMER");
    assertThat(key.attributes().at("/rotation/periodDays").asInt()).isEqualTo(180);
    assertThat(key.attributes().at("/deletion/windowDays").asInt()).isEqualTo(30);
    assertThat(key.attributes().at("/deletion/pendingDeletion").asBoolean(true)).isFalse();
    assertThat(get("aws_kms_replica_key.osaka").attributes().at("/multiRegionKeyType").asText())
        .isEqualTo("REPLICA");
    // multi_region = false: a single-region key has no replicas, now or later
    assertThat(key.attributes().at("/replicaRegions").isArray()).isTrue();
    assertThat(key.attributes().at("/replicaRegions")).isEmpty();
  }

  @Test
  void aNewDatabaseWithoutReplicasOfThePlanHasNoCopies() {
    Resource database = get("aws_db_instance.main");
    assertThat(database.attributes().at("/replication/destinations").isArray()).isTrue();
    assertThat(database.attributes().at("/replication/destinations")).isEmpty();
  }

  @Test
  void bucketWithEveryCompanion() {
    Resource bucket = get("aws_s3_bucket.data");
    assertThat(bucket.attributes().at("/encryption/algorithm").asText()).isEqualTo("AES256");
    // bucket level and the account-wide block both close public access
    assertThat(bucket.attributes().at("/publicAccess/blocked").asBoolean()).isTrue();
    assertThat(bucket.attributes().at("/publicAccess/accountLevel/blockPublicPolicy").asBoolean())
        .isTrue();
    assertThat(bucket.attributes().at("/lifecycle/expirationDays").asInt()).isEqualTo(365);
    assertThat(bucket.attributes().at("/lifecycle/noncurrentExpirationDays").asInt()).isEqualTo(30);
    assertThat(bucket.attributes().at("/logging/targetBucket").asText())
        .isEqualTo("acme-access-logs");
    assertThat(bucket.attributes().at("/objectLock/mode").asText()).isEqualTo("GOVERNANCE");
    assertThat(bucket.attributes().at("/replication/destinations/0/encrypted").asBoolean())
        .isTrue();
    assertThat(bucket.attributes().at("/tls/httpsOnly").asBoolean()).isTrue();
    assertThat(bucket.attributes().at("/versioning/enabled").asBoolean(true)).isFalse();
  }

  @Test
  void orphansInTheMaking() {
    assertThat(get("aws_eip.spare").attributes().at("/attached").asBoolean(true)).isFalse();
    assertThat(get("aws_eip.nat").attributes().at("/attached").asBoolean()).isTrue();
    Resource volume = get("aws_ebs_volume.data");
    assertThat(volume.attributes().at("/attached").asBoolean()).isTrue();
    assertThat(volume.attributes().at("/attachedInstanceIds/0").asText())
        .isEqualTo("aws_instance.app");
  }

  @Test
  void sharingOfSnapshotsImagesAndDbSnapshots() {
    assertThat(get("aws_ebs_snapshot.data").attributes().at("/sharing/accounts/0").asText())
        .isEqualTo("444455556666");
    assertThat(get("aws_ami_copy.golden").attributes().at("/sharing/public").asBoolean(true))
        .isFalse();
    assertThat(get("aws_db_snapshot.main").attributes().at("/sharing/accounts/0").asText())
        .isEqualTo("444455556666");
  }

  @Test
  void networkAndEdge() {
    Resource group = get("aws_security_group.app");
    assertThat(group.attributes().at("/ingress")).hasSize(2);
    assertThat(group.attributes().at("/ingress/1/ipv4Ranges/0").asText())
        .isEqualTo("203.0.113.0/24");
    Resource lb = get("aws_lb.web");
    assertThat(lb.attributes().at("/tls/minimumVersion").asText()).isEqualTo("1.2");
    assertThat(lb.attributes().at("/listeners/1/redirectsToHttps").asBoolean()).isTrue();
    assertThat(lb.attributes().at("/webAclArn").asText()).startsWith("arn:aws:wafv2:");
    Resource cdn = get("aws_cloudfront_distribution.site");
    assertThat(cdn.region()).isEqualTo("global");
    assertThat(cdn.attributes().at("/tls/minimumVersion").asText()).isEqualTo("1.2");
    assertThat(cdn.attributes().at("/tls/httpsOnly").asBoolean()).isTrue();
    assertThat(get("aws_instance.app").attributes().at("/metadataOptions/httpTokens").asText())
        .isEqualTo("required");
  }

  @Test
  void identity() {
    Resource role = get("aws_iam_role.app");
    assertThat(role.region()).isEqualTo("global");
    assertThat(role.attributes().at("/trust/accounts/0/accountId").asText())
        .isEqualTo("444455556666");
    assertThat(role.attributes().at("/trust/accounts/0/externalIdCondition").asBoolean()).isTrue();
    assertThat(role.attributes().at("/trust/services/0").asText()).isEqualTo("ec2.amazonaws.com");
    Resource user = get("aws_iam_user.ops");
    assertThat(user.attributes().at("/policies/fullAdmin").asBoolean()).isTrue();
    assertThat(user.attributes().at("/passwordEnabled").asBoolean()).isTrue();
    assertThat(user.attributes().at("/accessKeys/0/status").asText()).isEqualTo("Active");
  }

  @Test
  void accountAndRegionWideSettingsAreAggregated() {
    Resource account = get("arn:aws:iam::111122223333:root");
    assertThat(account.type()).isEqualTo("aws.iam.account");
    assertThat(account.region()).isEqualTo("global");
    assertThat(account.attributes().at("/passwordPolicy/minimumLength").asInt()).isEqualTo(14);
    assertThat(account.attributes().at("/securityContact/registered").asBoolean()).isTrue();
    Resource region = get("aws:ec2:ap-northeast-1:111122223333:region-settings");
    assertThat(region.attributes().at("/ebsEncryptionByDefault").asBoolean()).isTrue();
    assertThat(region.attributes().at("/snapshotBlockPublicAccess").asText())
        .isEqualTo("block-all-sharing");
    assertThat(change(result, "aws_ebs_encryption_by_default.on").mergedInto())
        .isEqualTo("aws:ec2:ap-northeast-1:111122223333:region-settings");
    Resource recorder = get("aws:config:ap-northeast-1:111122223333:recorder");
    assertThat(recorder.attributes().at("/recording").asBoolean()).isTrue();
  }

  @Test
  void passwordsAndSecretsNeverLeave() throws Exception {
    String json =
        new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(result);
    assertThat(json).doesNotContain("correct-horse-battery-staple");
  }
}
