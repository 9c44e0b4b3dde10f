package io.lcscan.provider.terraform;

import static io.lcscan.provider.terraform.TerraformPlanFixtures.change;
import static io.lcscan.provider.terraform.TerraformPlanFixtures.read;
import static io.lcscan.provider.terraform.TerraformPlanFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceRef;
import org.junit.jupiter.api.Test;

class TestTerraformPlanCompanions {
  private final TerraformPlanResult result = read("s3-companions.json");

  @Test
  void companionsAreMergedIntoTheBucketTheyReference() {
    Resource bucket = resource(result, "aws_s3_bucket.logs");
    assertThat(bucket.type()).isEqualTo("aws.s3.bucket");
    assertThat(bucket.provider()).isEqualTo("aws");
    assertThat(bucket.name()).isEqualTo("acme-audit-logs");
    assertThat(bucket.attributes().at("/encryption/algorithm").asText()).isEqualTo("aws:kms");
    assertThat(bucket.attributes().at("/publicAccess/blocked").asBoolean()).isTrue();
    assertThat(bucket.attributes().at("/versioning/enabled").asBoolean()).isTrue();
    assertThat(bucket.source().kind()).isEqualTo("plan");
    assertThat(bucket.source().address()).isEqualTo("aws_s3_bucket.logs");

    for (String companion :
        new String[] {
          "aws_s3_bucket_server_side_encryption_configuration.logs",
          "aws_s3_bucket_public_access_block.logs",
          "aws_s3_bucket_versioning.logs"
        }) {
      assertThat(change(result, companion).mergedInto()).isEqualTo("aws_s3_bucket.logs");
    }
    // companions are not resources of their own
    assertThat(result.inventory().resources())
        .extracting(Resource::id)
        .containsExactlyInAnyOrder("aws_kms_key.logs", "aws_s3_bucket.logs");
  }

  @Test
  void keyOfThePlanIsCustomerManagedWhileItsArnIsUnknown() {
    Resource bucket = resource(result, "aws_s3_bucket.logs");
    assertThat(bucket.attributes().at("/encryption/customerManagedKey").asBoolean()).isTrue();
    assertThat(bucket.attributes().has("keyId")).isFalse();
    assertThat(bucket.unknownAttributes()).contains("encryption.keyId");
    assertThat(bucket.references())
        .containsExactly(new ResourceRef("kmsKey", "aws.kms.key", "aws_kms_key.logs"));
  }

  @Test
  void aliasNamesItsKey() {
    assertThat(change(result, "aws_kms_alias.logs").mergedInto()).isEqualTo("aws_kms_key.logs");
    assertThat(resource(result, "aws_kms_key.logs").name()).isEqualTo("alias/audit-logs");
  }

  @Test
  void literalLinkToABucketOutsideThePlanIsNotedNotGuessed() {
    assertThat(change(result, "aws_s3_bucket_versioning.partner").mergedInto()).isNull();
    assertThat(result.notes())
        .anySatisfy(
            note ->
                assertThat(note)
                    .startsWith(
                        "aws_s3_bucket_versioning.partner: bucket names a resource outside the plan"));
    assertThat(result.inventory().gaps()).isEmpty();
  }

  @Test
  void regionFromARootVariableAndTagsFromTagsAll() {
    Resource bucket = resource(result, "aws_s3_bucket.logs");
    assertThat(bucket.region()).isEqualTo("ap-northeast-1");
    assertThat(bucket.tags())
        .containsEntry("lc-data-class", "c3")
        .containsEntry("lc-owner", "platform-team")
        .containsEntry("lc-system-id", "SYS-0042");
  }
}
