package io.lcscan.provider.terraform;

import static io.lcscan.provider.terraform.TerraformPlanFixtures.change;
import static io.lcscan.provider.terraform.TerraformPlanFixtures.read;
import static io.lcscan.provider.terraform.TerraformPlanFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.GapReason;
import io.lcscan.spi.Resource;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TestTerraformPlanLifecycle {
  private final TerraformPlanResult result = read("lifecycle.json");

  @Test
  void deleteOnlyResourcesAreInTheInventoryAsTheyAreNow() {
    Resource old = resource(result, "aws_s3_bucket.old");
    assertThat(old.change().actions()).containsExactly("delete");
    assertThat(old.change().deleteOnly()).isTrue();
    assertThat(old.change().before().tags()).isEqualTo(old.tags());
    assertThat(old.change().before().attributes()).isEqualTo(old.attributes());
    assertThat(old.tags()).containsEntry("lc-disposal-approval", "DISP-2026-031");
    assertThat(old.attributes().at("/encryption/algorithm").asText()).isEqualTo("AES256");
    TerraformPlanChange deleted = change(result, "aws_s3_bucket.old");
    assertThat(deleted.isDelete()).isTrue();
    assertThat(deleted.after()).isNull();
    assertThat(deleted.actionReason()).isEqualTo("delete_because_no_resource_config");
    assertThat(deleted.before().tags()).containsEntry("lc-disposal-approval", "DISP-2026-031");
    assertThat(deleted.before().attributes().at("/encryption/algorithm").asText())
        .isEqualTo("AES256");
    // a delete-only companion still finds its bucket, by the bucket's exact name
    TerraformPlanChange versioning = change(result, "aws_s3_bucket_versioning.old");
    assertThat(versioning.mergedInto()).isEqualTo("aws_s3_bucket.old");
    assertThat(deleted.before().attributes().at("/versioning/enabled").asBoolean()).isTrue();
  }

  @Test
  void replaceIsCheckedAndKeepsBoth() {
    TerraformPlanChange replaced = change(result, "aws_ebs_volume.rebuilt");
    assertThat(replaced.isReplace()).isTrue();
    assertThat(replaced.before().attributes().at("/encryption/keyId").asText())
        .endsWith("key/11111111-2222-3333-4444-555555555555");
    assertThat(replaced.before().account()).isEqualTo("111122223333");
    assertThat(replaced.after()).isSameAs(resource(result, "aws_ebs_volume.rebuilt"));
    assertThat(replaced.after().unknownAttributes()).contains("encryption.keyId");
    // the deposed object of an earlier replace is not a second resource
    assertThat(result.changes())
        .filteredOn(c -> c.address().equals("aws_ebs_volume.rebuilt"))
        .hasSize(1);
  }

  @Test
  void unknownAttributesStayAbsentAndAreNamed() {
    Resource key = resource(result, "aws_kms_key.new");
    assertThat(key.attributes().has("rotation")).isFalse();
    assertThat(key.unknownAttributes()).contains("rotation.enabled", "rotation.periodDays");
    assertThat(key.attributes().at("/deletion/windowDays").asInt()).isEqualTo(30);
    assertThat(key.account()).isEqualTo("111122223333");
  }

  @Test
  void unknownTagsAllFallsBackToTagsAndDefaultTags() {
    Resource key = resource(result, "aws_kms_key.updated");
    assertThat(key.tags())
        .containsEntry("lc-data-class", "c2")
        .containsEntry("lc-owner", "platform-team")
        .doesNotContainKey("lc-system-id");
    TerraformPlanChange update = change(result, "aws_kms_key.updated");
    assertThat(update.isUpdate()).isTrue();
    assertThat(update.before().attributes().at("/deletion/windowDays").asInt()).isEqualTo(30);
    assertThat(update.after().attributes().at("/deletion/windowDays").asInt()).isEqualTo(7);
  }

  @Test
  void unresolvedCompanionIsAGapNotAGuess() {
    assertThat(change(result, "aws_s3_bucket_policy.uploads").mergedInto()).isNull();
    assertThat(result.notes())
        .anySatisfy(
            n ->
                assertThat(n)
                    .startsWith("aws_s3_bucket_policy.uploads: bucket cannot be traced")
                    .contains("local.uploads_bucket is a local value"));
    assertThat(result.inventory().gaps())
        .singleElement()
        .satisfies(
            gap -> {
              assertThat(gap.resourceType()).isEqualTo("aws.s3.bucket");
              assertThat(gap.reason()).isEqualTo(GapReason.ERROR);
              assertThat(gap.region()).isEqualTo("ap-northeast-1");
              assertThat(gap.account()).isEqualTo("111122223333");
              assertThat(gap.detail()).startsWith("aws_s3_bucket_policy.uploads: ");
            });
    assertThat(result.inventory().complete()).isFalse();
  }

  @Test
  void driftAndPlanFacts() {
    assertThat(result.drifted()).containsExactly("aws_kms_key.updated");
    assertThat(result.timestamp()).isEqualTo("2026-11-20T03:12:45Z");
    assertThat(result.terraformVersion()).isEqualTo("1.9.5");
  }

  @Test
  void dataSourcesAreNotResources() {
    assertThat(result.changes())
        .extracting(TerraformPlanChange::address)
        .doesNotContain("data.aws_caller_identity.current");
  }

  @Test
  void azureLocationAndSubscription() {
    Resource account = resource(result, "azurerm_storage_account.docs");
    assertThat(account.provider()).isEqualTo("azure");
    assertThat(account.region()).isEqualTo("japaneast");
    assertThat(account.account()).isEqualTo("0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b");
    assertThat(account.name()).isEqualTo("acmedocs");
    assertThat(account.tags()).containsEntry("lc-data-class", "C2");
  }

  @Test
  void sensitiveValuesAppearNowhereInTheResult() throws Exception {
    String raw = Files.readString(TerraformPlanFixtures.plan("lifecycle.json"));
    assertThat(raw).contains("hunter2-SECRET", "c2VjcmV0LXByaW1hcnkta2V5LVNFQ1JFVA");
    String json =
        new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(result);
    assertThat(json + result)
        .doesNotContain("hunter2-SECRET")
        .doesNotContain("c2VjcmV0LXByaW1hcnkta2V5LVNFQ1JFVA")
        .doesNotContain("AccountKey");
  }

  @Test
  void gapsAreDistinct() {
    assertThat(result.inventory().gaps()).doesNotHaveDuplicates();
    assertThat(result.inventory().gaps())
        .allMatch((CoverageGap gap) -> gap.covers("111122223333", "ap-northeast-1"));
  }
}
