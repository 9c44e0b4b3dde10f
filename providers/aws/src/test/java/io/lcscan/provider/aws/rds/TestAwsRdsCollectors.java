package io.lcscan.provider.aws.rds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.provider.aws.AwsStubServer;
import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestAwsRdsCollectors {
  @Test
  void instancesAndSnapshots() throws Exception {
    try (AwsStubServer server = new AwsStubServer("sts/caller", "ec2/regions", "rds/instances")) {
      InMemoryCollectionSink sink =
          server.scanChecked(
              server.scope(List.of("ap-northeast-1"), List.of()),
              new AwsRdsInstanceCollector(),
              new AwsRdsSnapshotCollector());
      assertThat(sink.gaps()).isEmpty();

      JsonNode records = attributes(sink, "arn:aws:rds:ap-northeast-1:123456789012:db:records-db");
      assertThat(records.get("engineVersionStatus").asText()).isEqualTo("available");
      assertThat(records.at("/encryption/customerManagedKey").asBoolean()).isTrue();
      assertThat(records.at("/publicAccess/public").asBoolean()).isFalse();
      assertThat(records.get("deletionProtection").asBoolean()).isTrue();
      assertThat(records.at("/backup/enabled").asBoolean()).isTrue();
      assertThat(records.at("/backup/retentionDays").asInt()).isEqualTo(14);
      assertThat(records.at("/backup/awsBackup").asBoolean()).isTrue();
      assertThat(records.at("/certificate/validTill").asText()).isEqualTo("2027-05-01T00:00:00Z");
      assertThat(records.at("/replication/destinations").size()).isEqualTo(2);
      assertThat(records.at("/replication/destinations/0/region").asText())
          .isEqualTo("ap-northeast-3");

      JsonNode legacy = attributes(sink, "arn:aws:rds:ap-northeast-1:123456789012:db:legacy-mysql");
      assertThat(legacy.get("engineVersionStatus").asText()).isEqualTo("deprecated");
      assertThat(legacy.at("/encryption/enabled").asBoolean()).isFalse();
      assertThat(legacy.at("/publicAccess/public").asBoolean()).isTrue();
      assertThat(legacy.at("/backup/enabled").asBoolean()).isFalse();
      assertThat(legacy.at("/backup/awsBackup").asBoolean()).isFalse();

      JsonNode shared =
          attributes(sink, "arn:aws:rds:ap-northeast-1:123456789012:snapshot:records-db-final");
      assertThat(shared.at("/sharing/public").asBoolean()).isFalse();
      assertThat(shared.at("/sharing/accounts/0").asText()).isEqualTo("210987654321");
      JsonNode open =
          attributes(sink, "arn:aws:rds:ap-northeast-1:123456789012:snapshot:legacy-export");
      assertThat(open.at("/sharing/public").asBoolean()).isTrue();
      assertThat(open.at("/sharing/accounts").size()).isZero();
    }
  }

  private static JsonNode attributes(InMemoryCollectionSink sink, String id) {
    return sink.resources().stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .map(Resource::attributes)
        .orElseThrow();
  }
}
