package io.lcscan.provider.aws.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.provider.aws.AwsStubServer;
import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestAwsCloudTrailCollector {
  @Test
  void emitsEachTrailOnceInItsHomeRegion() throws Exception {
    try (AwsStubServer server =
        new AwsStubServer("sts/caller", "ec2/regions", "cloudtrail/trails")) {
      InMemoryCollectionSink sink =
          server.scanChecked(
              server.scope(List.of("ap-northeast-1", "ap-northeast-3"), List.of()),
              new AwsCloudTrailCollector());
      assertThat(sink.gaps()).isEmpty();
      assertThat(sink.resources())
          .extracting(Resource::name)
          .containsExactlyInAnyOrder("org-audit", "osaka-local");

      Resource org =
          sink.resources().stream()
              .filter(r -> r.name().equals("org-audit"))
              .findFirst()
              .orElseThrow();
      assertThat(org.region()).isEqualTo("ap-northeast-1");
      assertThat(org.tags()).containsEntry("lc-system-id", "SYS-LOG");
      JsonNode a = org.attributes();
      assertThat(a.get("isLogging").asBoolean()).isTrue();
      assertThat(a.get("multiRegion").asBoolean()).isTrue();
      assertThat(a.get("organization").asBoolean()).isTrue();
      assertThat(a.get("logFileValidation").asBoolean()).isTrue();
      assertThat(a.at("/encryption/customerManagedKey").asBoolean()).isTrue();
      assertThat(a.at("/dataEvents/s3AllBuckets").asBoolean()).isTrue();

      Resource osaka =
          sink.resources().stream()
              .filter(r -> r.name().equals("osaka-local"))
              .findFirst()
              .orElseThrow();
      assertThat(osaka.region()).isEqualTo("ap-northeast-3");
      JsonNode b = osaka.attributes();
      assertThat(b.get("isLogging").asBoolean()).isFalse();
      assertThat(b.has("cloudWatchLogsLogGroupArn")).isFalse();
      assertThat(b.at("/encryption/customerManagedKey").asBoolean()).isFalse();
      assertThat(b.at("/dataEvents/s3AllBuckets").asBoolean()).isFalse();
      assertThat(b.at("/dataEvents/s3BucketArns").toString())
          .isEqualTo("[\"arn:aws:s3:::lc-secure-data/\",\"arn:aws:s3:::lc-public-site/\"]");
    }
  }
}
