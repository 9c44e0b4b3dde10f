package io.lcscan.provider.terraform;

import static io.lcscan.provider.terraform.TerraformPlanFixtures.change;
import static io.lcscan.provider.terraform.TerraformPlanFixtures.read;
import static io.lcscan.provider.terraform.TerraformPlanFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceChange;
import org.junit.jupiter.api.Test;

/** {@code Resource.change} on the resources of a plan, and the Terraform-only safety flags. */
class TestTerraformPlanChanges {
  private static final String KEY =
      "arn:aws:kms:ap-northeast-1:111122223333:key/aaaa1111-2222-3333-4444-555555555555";

  private final TerraformPlanResult result = read("changes.json");

  @Test
  void anUpdateCarriesTheStateBeforeIt() {
    Resource bucket = resource(result, "aws_s3_bucket.data");
    ResourceChange change = bucket.change();
    assertThat(change.actions()).containsExactly("update");
    assertThat(change.deleteOnly()).isFalse();
    ResourceChange.Prior before = change.before();
    assertThat(before.region()).isEqualTo("ap-northeast-1");
    assertThat(before.tags()).containsEntry("lc-data-class", "c3");
    // the key was the plan's own KMS key, named by its ARN in the state
    assertThat(before.attributes().at("/encryption/customerManagedKey").asBoolean()).isTrue();
    assertThat(before.attributes().at("/encryption/keyId").asText()).isEqualTo(KEY);
    assertThat(bucket.attributes().at("/encryption/customerManagedKey").asBoolean()).isFalse();
    assertThat(bucket.attributes().at("/encryption/algorithm").asText()).isEqualTo("AES256");
    assertThat(before.attributes().at("/forceDestroy").asBoolean()).isFalse();
    assertThat(bucket.attributes().at("/forceDestroy").asBoolean()).isTrue();
    assertThat(change(result, "aws_s3_bucket.data").after()).isSameAs(bucket);
  }

  @Test
  void aDeleteOnlyResourceIsInTheInventoryWithItsState() {
    Resource gone = resource(result, "aws_s3_bucket.gone");
    assertThat(gone.change().actions()).containsExactly("delete");
    assertThat(gone.change().deleteOnly()).isTrue();
    assertThat(gone.region()).isEqualTo("ap-northeast-1");
    assertThat(gone.account()).isEqualTo("111122223333");
    assertThat(gone.tags()).containsEntry("lc-data-class", "c2");
    assertThat(gone.attributes().at("/forceDestroy").asBoolean()).isTrue();
    assertThat(gone.change().before().attributes()).isEqualTo(gone.attributes());
    assertThat(gone.change().before().tags()).isEqualTo(gone.tags());
  }

  @Test
  void aCreateHasActionsOnlyAndANoOpHasNoChange() {
    Resource logs = resource(result, "google_storage_bucket.logs");
    assertThat(logs.change().actions()).containsExactly("create");
    assertThat(logs.change().before()).isNull();
    assertThat(resource(result, "aws_kms_key.data").change()).isNull();
  }

  @Test
  void terraformOnlyFlags() {
    Resource db = resource(result, "aws_db_instance.main");
    assertThat(db.attributes().at("/skipFinalSnapshot").asBoolean()).isTrue();
    assertThat(db.change().before().attributes().at("/skipFinalSnapshot").asBoolean()).isFalse();
    assertThat(db.change().before().attributes().at("/deletionProtection").asBoolean()).isTrue();
    assertThat(
            resource(result, "google_storage_bucket.logs")
                .attributes()
                .at("/forceDestroy")
                .asBoolean())
        .isTrue();
    assertThat(
            resource(result, "azurerm_key_vault.main")
                .attributes()
                .at("/purgeSoftDeleteOnDestroy")
                .asBoolean())
        .isFalse();
  }

  @Test
  void purgeSoftDeleteOnDestroyDefaultsToTrue() {
    // azure-types.json configures azurerm with an empty features block
    TerraformPlanResult azure = read("azure-types.json");
    assertThat(azure.inventory().resources())
        .filteredOn(r -> r.type().equals("azure.keyvault.vault"))
        .isNotEmpty()
        .allSatisfy(
            vault ->
                assertThat(vault.attributes().at("/purgeSoftDeleteOnDestroy").asBoolean())
                    .isTrue());
  }

  @Test
  void theFlagsDefaultToFalseWhenThePlanLeavesThemOut() {
    TerraformPlanResult aws = read("aws-types.json");
    assertThat(aws.inventory().resources())
        .filteredOn(r -> r.type().equals("aws.s3.bucket") || r.type().equals("aws.rds.instance"))
        .isNotEmpty()
        .allSatisfy(
            r ->
                assertThat(
                        r.attributes().has("forceDestroy")
                            || r.attributes().has("skipFinalSnapshot"))
                    .isTrue());
  }
}
