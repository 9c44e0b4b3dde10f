package io.lcscan.provider.aws.kms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.provider.aws.AwsStubServer;
import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestAwsKmsKeyCollector {
  private static final String PREFIX = "arn:aws:kms:ap-northeast-1:123456789012:key/";

  @Test
  void describesEveryKeyOfBothPages() throws Exception {
    try (AwsStubServer server = new AwsStubServer("sts/caller", "ec2/regions", "kms/keys")) {
      InMemoryCollectionSink sink =
          server.scanChecked(
              server.scope(List.of("ap-northeast-1"), List.of()), new AwsKmsKeyCollector());
      assertThat(sink.gaps()).isEmpty();
      assertThat(sink.resources()).hasSize(4);

      Resource customer = key(sink, "aaaa1111-aaaa-1111-aaaa-111111111111");
      assertThat(customer.name()).isEqualTo("alias/app-data");
      assertThat(customer.tags()).containsEntry("lc-data-class", "c3");
      JsonNode a = customer.attributes();
      assertThat(a.get("keyManager").asText()).isEqualTo("CUSTOMER");
      assertThat(a.get("state").asText()).isEqualTo("Enabled");
      assertThat(a.get("aliases").toString()).isEqualTo("[\"alias/app-data\"]");
      assertThat(a.get("multiRegion").asBoolean()).isTrue();
      assertThat(a.get("multiRegionKeyType").asText()).isEqualTo("PRIMARY");
      assertThat(a.get("replicaRegions").toString()).isEqualTo("[\"ap-northeast-3\"]");
      assertThat(a.at("/rotation/enabled").asBoolean()).isTrue();
      assertThat(a.at("/rotation/periodDays").asInt()).isEqualTo(365);
      assertThat(a.at("/rotation/nextRotationAt").asText()).isEqualTo("2026-05-29T08:00:00Z");
      assertThat(a.at("/deletion/pendingDeletion").asBoolean()).isFalse();
      assertThat(a.at("/deletion").has("windowDays")).isFalse();
      assertThat(a.at("/deletion/policyMinWindowDays").asInt()).isEqualTo(30);

      JsonNode managed = key(sink, "bbbb2222-bbbb-2222-bbbb-222222222222").attributes();
      assertThat(managed.get("keyManager").asText()).isEqualTo("AWS");
      assertThat(managed.at("/deletion").has("policyMinWindowDays")).isFalse();

      Resource pending = key(sink, "cccc3333-cccc-3333-cccc-333333333333");
      assertThat(pending.tags()).containsEntry("lc-phase", "dispose");
      assertThat(pending.attributes().at("/deletion/pendingDeletion").asBoolean()).isTrue();
      assertThat(pending.attributes().at("/deletion/windowDays").asInt()).isEqualTo(7);
      assertThat(pending.attributes().at("/deletion/deletionDate").asText())
          .isEqualTo("2025-12-04T08:00:00Z");
      assertThat(pending.attributes().has("rotation")).isFalse();

      JsonNode signing = key(sink, "dddd4444-dddd-4444-dddd-444444444444").attributes();
      assertThat(signing.get("keyUsage").asText()).isEqualTo("SIGN_VERIFY");
      assertThat(signing.at("/rotation/enabled").asBoolean()).isFalse();
    }
  }

  @Test
  void readsTheDeletionWindowFloorOfAKeyPolicy() {
    assertThat(
            AwsKmsKeyCollector.policyMinWindowDays(
                """
                {"Statement": [
                  {"Effect": "Allow", "Action": "kms:ScheduleKeyDeletion",
                   "Condition": {"NumericGreaterThanEquals": {"kms:ScheduleKeyDeletionPendingWindowInDays": "14"}}},
                  {"Effect": "Deny", "Action": "kms:*",
                   "Condition": {"NumericLessThan": {"kms:ScheduleKeyDeletionPendingWindowInDays": 21}}}]}
                """))
        .isEqualTo(21);
    assertThat(AwsKmsKeyCollector.policyMinWindowDays("{\"Statement\": []}")).isNull();
  }

  private static Resource key(InMemoryCollectionSink sink, String id) {
    return sink.resources().stream()
        .filter(r -> r.id().equals(PREFIX + id))
        .findFirst()
        .orElseThrow();
  }
}
