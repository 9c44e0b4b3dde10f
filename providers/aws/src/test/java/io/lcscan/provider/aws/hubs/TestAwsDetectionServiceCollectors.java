package io.lcscan.provider.aws.hubs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.provider.aws.AwsStubServer;
import io.lcscan.provider.aws.accessanalyzer.AwsAccessAnalyzerCollector;
import io.lcscan.provider.aws.config.AwsConfigRecorderCollector;
import io.lcscan.provider.aws.guardduty.AwsGuardDutyDetectorCollector;
import io.lcscan.provider.aws.inspector2.AwsInspector2Collector;
import io.lcscan.provider.aws.securityhub.AwsSecurityHubCollector;
import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one-per-region services (Config, GuardDuty, Security Hub, Inspector, Access Analyzer) in a
 * region where each is on and one where none is: the second still gives a resource that says off.
 */
class TestAwsDetectionServiceCollectors {
  @Test
  void onInTokyoOffInOsaka() throws Exception {
    try (AwsStubServer server =
        new AwsStubServer("sts/caller", "ec2/regions", "hubs/two-regions")) {
      InMemoryCollectionSink sink =
          server.scanChecked(
              server.scope(List.of("ap-northeast-1", "ap-northeast-3"), List.of()),
              new AwsConfigRecorderCollector(),
              new AwsGuardDutyDetectorCollector(),
              new AwsSecurityHubCollector(),
              new AwsInspector2Collector(),
              new AwsAccessAnalyzerCollector());
      assertThat(sink.gaps()).isEmpty();

      JsonNode config = attributes(sink, "aws:config:ap-northeast-1:123456789012:recorder");
      assertThat(config.get("exists").asBoolean()).isTrue();
      assertThat(config.get("recording").asBoolean()).isTrue();
      assertThat(config.get("lastStatus").asText()).isEqualTo("SUCCESS");
      assertThat(config.get("allSupported").asBoolean()).isTrue();
      assertThat(config.at("/deliveryChannel/s3BucketName").asText())
          .isEqualTo("lc-config-archive");
      JsonNode noConfig = attributes(sink, "aws:config:ap-northeast-3:123456789012:recorder");
      assertThat(noConfig.get("exists").asBoolean()).isFalse();
      assertThat(noConfig.get("recording").asBoolean()).isFalse();
      assertThat(noConfig.at("/deliveryChannel/exists").asBoolean()).isFalse();

      Resource detector = resource(sink, "aws:guardduty:ap-northeast-1:123456789012:detector");
      assertThat(detector.tags()).containsEntry("lc-owner", "soc");
      JsonNode guardDuty = detector.attributes();
      assertThat(guardDuty.get("enabled").asBoolean()).isTrue();
      assertThat(guardDuty.at("/features/1/status").asText()).isEqualTo("DISABLED");
      assertThat(guardDuty.at("/findings/openHighCritical").asInt()).isEqualTo(2);
      assertThat(guardDuty.at("/findings/oldestOpenHighCriticalAt").asText())
          .isEqualTo("2026-10-01T03:00:00Z");
      assertThat(
              attributes(sink, "aws:guardduty:ap-northeast-3:123456789012:detector")
                  .get("enabled")
                  .asBoolean())
          .isFalse();

      JsonNode hub = attributes(sink, "aws:securityhub:ap-northeast-1:123456789012:hub");
      assertThat(hub.get("enabled").asBoolean()).isTrue();
      assertThat(hub.get("subscribedAt").asText()).isEqualTo("2024-01-07T08:00:00Z");
      assertThat(hub.at("/findings/openHighCritical").asInt()).isEqualTo(3);
      assertThat(hub.at("/findings/oldestOpenHighCriticalAt").asText())
          .isEqualTo("2026-09-15T00:00:00Z");
      assertThat(
              attributes(sink, "aws:securityhub:ap-northeast-3:123456789012:hub")
                  .get("enabled")
                  .asBoolean())
          .isFalse();

      JsonNode inspector =
          attributes(sink, "aws:inspector2:ap-northeast-1:123456789012:account-status");
      assertThat(inspector.get("status").asText()).isEqualTo("ENABLED");
      assertThat(inspector.get("ecr").asText()).isEqualTo("DISABLED");
      assertThat(
              attributes(sink, "aws:inspector2:ap-northeast-3:123456789012:account-status")
                  .get("status")
                  .asText())
          .isEqualTo("DISABLED");

      JsonNode analyzer =
          attributes(
              sink,
              "arn:aws:access-analyzer:ap-northeast-1:123456789012:analyzer/account-analyzer");
      assertThat(analyzer.get("analyzerType").asText()).isEqualTo("ACCOUNT");
      assertThat(analyzer.get("activeFindings").asInt()).isEqualTo(2);
      assertThat(analyzer.get("activePublicFindings").asInt()).isEqualTo(1);
      assertThat(sink.resources())
          .filteredOn(r -> r.type().equals("aws.accessanalyzer.analyzer"))
          .hasSize(1);
    }
  }

  private static Resource resource(InMemoryCollectionSink sink, String id) {
    return sink.resources().stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + id + " in " + sink.resources().stream().map(Resource::id).toList()));
  }

  private static JsonNode attributes(InMemoryCollectionSink sink, String id) {
    return resource(sink, id).attributes();
  }
}
