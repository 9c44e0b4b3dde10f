package io.lcscan.provider.terraform;

import static io.lcscan.provider.terraform.TerraformPlanFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lcscan.spi.CallRecord;
import io.lcscan.spi.CollectionSink;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Resource;
import io.lcscan.spi.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTerraformPlanProvider {

  private static final class ListSink implements CollectionSink {
    final List<Resource> resources = new ArrayList<>();
    final List<CoverageGap> gaps = new ArrayList<>();

    @Override
    public synchronized void resource(Resource resource) {
      resources.add(resource);
    }

    @Override
    public synchronized void gap(CoverageGap gap) {
      gaps.add(gap);
    }

    @Override
    public void call(CallRecord call) {}
  }

  @Test
  void asAProviderOverOnePlan() throws InterruptedException {
    TerraformPlanProvider provider = new TerraformPlanProvider(plan("lifecycle.json"));
    assertThat(provider.name()).isEqualTo("terraform");
    assertThat(provider.collectors())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.resourceTypes())
                    .contains("aws.s3.bucket", "azure.storage.account", "gcp.kms.cryptokey"));
    ListSink sink = new ListSink();
    provider.collect(Scope.of("terraform"), sink);
    assertThat(sink.resources)
        .extracting(Resource::id)
        .contains("aws_kms_key.new", "aws_s3_bucket.old");
    assertThat(sink.gaps).hasSize(1);
  }

  @Test
  void badInputIsThrownNotRecordedAsAGap() {
    TerraformPlanProvider provider = new TerraformPlanProvider(plan("bad/terraform.tfstate"));
    assertThatThrownBy(() -> provider.collect(Scope.of("terraform"), new ListSink()))
        .isInstanceOf(TerraformPlanException.class);
  }

  @Test
  void plannedValuesOnlyInAnOldPlanAreWalkedThroughChildModules(@TempDir Path dir)
      throws IOException {
    // Terraform 0.12 wrote resources it did not change only into planned_values
    Path file = dir.resolve("plan.json");
    Files.writeString(
        file,
        """
        {"format_version":"0.1","terraform_version":"0.12.31",
         "planned_values":{"root_module":{"child_modules":[{"address":"module.keys","resources":[
           {"address":"module.keys.aws_kms_key.this","mode":"managed","type":"aws_kms_key","name":"this",
            "provider_name":"aws","schema_version":0,
            "values":{"arn":"arn:aws:kms:ap-northeast-1:111122223333:key/3333aaaa-3333-3333-3333-333333333333",
                      "deletion_window_in_days":30,"enable_key_rotation":true,"is_enabled":true,"tags":{"lc-data-class":"c2"}}}]}]}},
         "resource_changes":[]}
        """);
    TerraformPlanResult result = TerraformPlanProvider.read(file);
    assertThat(result.inventory().resources())
        .singleElement()
        .satisfies(
            key -> {
              assertThat(key.id()).isEqualTo("module.keys.aws_kms_key.this");
              // no provider configuration: the key's own ARN says where it is
              assertThat(key.region()).isEqualTo("ap-northeast-1");
              assertThat(key.account()).isEqualTo("111122223333");
              assertThat(key.tags()).containsEntry("lc-data-class", "c2");
            });
    assertThat(result.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.actions()).containsExactly("no-op"));
  }

  @Test
  void regionNotKnownBeforeApplyIsSaidSo(@TempDir Path dir) throws IOException {
    // no region in the provider block: it comes from the environment at apply time
    Path file = dir.resolve("plan.json");
    Files.writeString(
        file,
        """
        {"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{}},
         "resource_changes":[{"address":"aws_kms_key.k","mode":"managed","type":"aws_kms_key","name":"k",
           "provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,
           "after":{"deletion_window_in_days":30},"after_unknown":{"arn":true},"before_sensitive":false,"after_sensitive":{}}}],
         "configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"}},
           "root_module":{"resources":[{"address":"aws_kms_key.k","mode":"managed","type":"aws_kms_key","name":"k","provider_config_key":"aws"}]}}}
        """);
    assertThat(TerraformPlanProvider.read(file).inventory().resources())
        .singleElement()
        .satisfies(key -> assertThat(key.region()).isEqualTo(TerraformCloud.UNKNOWN_REGION));
  }
}
