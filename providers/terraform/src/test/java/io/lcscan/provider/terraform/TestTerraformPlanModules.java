package io.lcscan.provider.terraform;

import static io.lcscan.provider.terraform.TerraformPlanFixtures.change;
import static io.lcscan.provider.terraform.TerraformPlanFixtures.read;
import static io.lcscan.provider.terraform.TerraformPlanFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceRef;
import org.junit.jupiter.api.Test;

class TestTerraformPlanModules {
  private final TerraformPlanResult result = read("modules.json");

  @Test
  void aliasedProviderGivesTheRegion() {
    assertThat(resource(result, "aws_kms_key.osaka").region()).isEqualTo("ap-northeast-3");
  }

  @Test
  void providerPassedToAModule() {
    // Terraform 1.x points the child's resources at the passed configuration itself
    Resource bucket = resource(result, "module.storage.aws_s3_bucket.this[0]");
    assertThat(bucket.region()).isEqualTo("ap-northeast-3");
    // older plans name the module ("legacy:aws"); the module call's providers map leads to the
    // source
    assertThat(resource(result, "module.legacy.aws_kms_key.this").region()).isEqualTo("us-east-1");
  }

  @Test
  void providerConfiguredInsideAModuleFromAVariable() {
    assertThat(resource(result, "module.app.aws_ebs_volume.cache").region())
        .isEqualTo("ap-northeast-3");
  }

  @Test
  void companionInsideAModuleWithACountIndex() {
    assertThat(change(result, "module.storage.aws_s3_bucket_versioning.this[0]").mergedInto())
        .isEqualTo("module.storage.aws_s3_bucket.this[0]");
    Resource bucket = resource(result, "module.storage.aws_s3_bucket.this[0]");
    assertThat(bucket.attributes().at("/versioning/enabled").asBoolean(true)).isFalse();
  }

  @Test
  void moduleInstancesOfAForEachModuleStaySeparate() {
    Resource a = resource(result, "module.buckets[\"a\"].aws_s3_bucket.this");
    Resource b = resource(result, "module.buckets[\"b\"].aws_s3_bucket.this");
    assertThat(a.name()).isEqualTo("acme-a");
    assertThat(b.name()).isEqualTo("acme-b");
    assertThat(a.attributes().at("/publicAccess/blocked").asBoolean()).isTrue();
    assertThat(b.attributes().at("/publicAccess/bucketLevel/blockPublicPolicy").asBoolean(true))
        .isFalse();
    // the account level (outside the plan) may still block it: not known, so absent
    assertThat(b.attributes().at("/publicAccess/blocked").isMissingNode()).isTrue();
    assertThat(
            change(result, "module.buckets[\"b\"].aws_s3_bucket_public_access_block.this")
                .mergedInto())
        .isEqualTo("module.buckets[\"b\"].aws_s3_bucket.this");
    assertThat(a.region()).isEqualTo("ap-northeast-1");
  }

  @Test
  void forEachInstancesAreSeparateResourcesLinkedByEachValue() {
    Resource x = resource(result, "aws_ebs_volume.data[\"x\"]");
    Resource y = resource(result, "aws_ebs_volume.data[\"y\"]");
    assertThat(change(result, "aws_volume_attachment.data[\"x\"]").mergedInto())
        .isEqualTo("aws_ebs_volume.data[\"x\"]");
    assertThat(x.attributes().at("/attached").asBoolean()).isTrue();
    // nothing in the plan attaches the new volume
    assertThat(y.attributes().at("/attached").asBoolean(true)).isFalse();
    // a key given as a literal ARN (a variable default) is kept as the id
    assertThat(x.attributes().at("/encryption/keyId").asText())
        .endsWith(":key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0");
  }

  @Test
  void countInstancesLinkedByCountIndex() {
    assertThat(change(result, "aws_kms_alias.per_env[0]").mergedInto())
        .isEqualTo("aws_kms_key.per_env[0]");
    assertThat(change(result, "aws_kms_alias.per_env[1]").mergedInto())
        .isEqualTo("aws_kms_key.per_env[1]");
    assertThat(resource(result, "aws_kms_key.per_env[1]").name()).isEqualTo("alias/env-1");
  }

  @Test
  void referenceThroughAModuleOutput() {
    Resource volume = resource(result, "aws_ebs_volume.logs");
    assertThat(volume.attributes().at("/encryption/customerManagedKey").asBoolean()).isTrue();
    assertThat(volume.references())
        .containsExactly(new ResourceRef("kmsKey", "aws.kms.key", "module.keys.aws_kms_key.this"));
    assertThat(volume.unknownAttributes()).contains("encryption.keyId");
  }

  @Test
  void companionReferencingAVariableOfItsModule() {
    assertThat(change(result, "module.logging.aws_s3_bucket_logging.this").mergedInto())
        .isEqualTo("aws_s3_bucket.central");
  }

  @Test
  void everyLinkWasResolved() {
    assertThat(result.notes()).isEmpty();
    assertThat(result.inventory().gaps()).isEmpty();
  }
}
