package io.lcscan.provider.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestTerraformMappers {

  @Test
  void eachTableHoldsOnlyTheTypesOfItsCloud() {
    // building every table checks that each type sits in the table its prefix is looked up in
    assertThat(TerraformMappers.defaults().terraformTypes()).hasSizeGreaterThan(100);
    for (TerraformCloud cloud : TerraformCloud.values()) {
      assertThat(TerraformMappers.defaults().aggregates(List.of(sample(cloud))))
          .allSatisfy(
              aggregate ->
                  assertThat(aggregate.memberTypes())
                      .allSatisfy(type -> assertThat(TerraformCloud.of(type)).contains(cloud)));
    }
  }

  @Test
  void theAggregatesOfAPlanAreThoseOfItsClouds() {
    TerraformMappers mappers = TerraformMappers.defaults();
    assertThat(mappers.aggregates(List.of())).isEmpty();
    assertThat(mappers.aggregates(List.of("random_id", "null_resource"))).isEmpty();
    List<TerraformAggregateMapping> all = mappers.aggregates();
    assertThat(all).isNotEmpty();
    // every cloud together gives every aggregate, in the same order
    List<String> types = new ArrayList<>();
    for (TerraformCloud cloud : TerraformCloud.values()) {
      types.add(sample(cloud));
    }
    assertThat(mappers.aggregates(types)).containsExactlyElementsOf(all);
    // one cloud gives the aggregates of all whose members are of that cloud, in order
    List<TerraformAggregateMapping> aws = mappers.aggregates(List.of("aws_s3_bucket"));
    assertThat(aws)
        .containsExactlyElementsOf(
            all.stream()
                .filter(a -> a.memberTypes().stream().allMatch(t -> t.startsWith("aws_")))
                .toList());
  }

  @Test
  void findsMappingsOfEveryCloudAndNoneForOtherProviders() {
    TerraformMappers mappers = TerraformMappers.defaults();
    assertThat(mappers.forTerraformType("aws_s3_bucket")).isPresent();
    assertThat(mappers.forTerraformType("azurerm_storage_account")).isPresent();
    assertThat(mappers.forTerraformType("google_storage_bucket")).isPresent();
    assertThat(mappers.forTerraformType("aws_not_a_type")).isEmpty();
    assertThat(mappers.forTerraformType("random_id")).isEmpty();
  }

  private static String sample(TerraformCloud cloud) {
    return switch (cloud) {
      case AWS -> "aws_s3_bucket";
      case AZURE -> "azurerm_storage_account";
      case GCP -> "google_storage_bucket";
    };
  }
}
