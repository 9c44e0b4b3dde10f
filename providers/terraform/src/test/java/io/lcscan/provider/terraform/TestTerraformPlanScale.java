package io.lcscan.provider.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.testing.TypeSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan of a thousand resources in module instances reads in well under a second. */
class TestTerraformPlanScale {

  private static String bucket(int i) {
    String module = "module.tenant[\\\"t" + i + "\\\"]";
    return """
        {"address":"%1$s.aws_s3_bucket.this","module_address":"%1$s","mode":"managed","type":"aws_s3_bucket","name":"this",
         "provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,
         "after":{"bucket":"acme-t%2$d","force_destroy":false,"tags":{"lc-data-class":"c2"},"tags_all":{"lc-data-class":"c2"}},
         "after_unknown":{"arn":true,"id":true},"before_sensitive":false,"after_sensitive":{"tags":{},"tags_all":{}}}},
        {"address":"%1$s.aws_s3_bucket_versioning.this","module_address":"%1$s","mode":"managed","type":"aws_s3_bucket_versioning","name":"this",
         "provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,
         "after":{"versioning_configuration":[{"status":"Enabled"}]},"after_unknown":{"bucket":true,"id":true},
         "before_sensitive":false,"after_sensitive":{}}},
        {"address":"%1$s.aws_s3_bucket_public_access_block.this","module_address":"%1$s","mode":"managed","type":"aws_s3_bucket_public_access_block","name":"this",
         "provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,
         "after":{"block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true,"restrict_public_buckets":true},
         "after_unknown":{"bucket":true,"id":true},"before_sensitive":false,"after_sensitive":{}}}"""
        .formatted(module, i);
  }

  static void write(Path file, int tenants) throws IOException {
    StringBuilder changes = new StringBuilder();
    for (int i = 0; i < tenants; i++) {
      changes.append(i == 0 ? "" : ",").append(bucket(i));
    }
    String configuration =
        """
        {"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws",
          "expressions":{"region":{"constant_value":"ap-northeast-1"}}}},
         "root_module":{"module_calls":{"tenant":{"source":"./tenant","for_each_expression":{"references":["var.tenants"]},
          "module":{"resources":[
           {"address":"aws_s3_bucket.this","mode":"managed","type":"aws_s3_bucket","name":"this","provider_config_key":"aws","expressions":{}},
           {"address":"aws_s3_bucket_versioning.this","mode":"managed","type":"aws_s3_bucket_versioning","name":"this","provider_config_key":"aws",
            "expressions":{"bucket":{"references":["aws_s3_bucket.this.id","aws_s3_bucket.this"]}}},
           {"address":"aws_s3_bucket_public_access_block.this","mode":"managed","type":"aws_s3_bucket_public_access_block","name":"this","provider_config_key":"aws",
            "expressions":{"bucket":{"references":["aws_s3_bucket.this.id","aws_s3_bucket.this"]}}}]}}}}}""";
    Files.writeString(
        file,
        "{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.5\",\"planned_values\":{\"root_module\":{}},"
            + "\"resource_changes\":["
            + changes
            + "],\"configuration\":"
            + configuration
            + "}");
  }

  @Test
  void thousandResources(@TempDir Path dir) throws IOException {
    Path plan = dir.resolve("plan.json");
    write(plan, 334);
    TerraformPlanProvider.read(plan); // warm up class loading, as the first CLI call pays it too
    long start = System.nanoTime();
    TerraformPlanResult result = TerraformPlanProvider.read(plan);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(result.changes()).hasSize(1002);
    assertThat(result.inventory().resources()).hasSize(334);
    assertThat(result.inventory().resources())
        .allSatisfy(
            r -> assertThat(r.attributes().at("/publicAccess/blocked").asBoolean()).isTrue());
    TypeSchemas.assertValid(result.inventory().resources().get(0));
    // a loose bound: it catches a quadratic walk, not a slow machine
    assertThat(millis).isLessThan(2_000);
  }
}
