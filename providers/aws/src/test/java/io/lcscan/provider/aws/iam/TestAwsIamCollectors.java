package io.lcscan.provider.aws.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.provider.aws.AwsStubServer;
import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.GapReason;
import io.lcscan.spi.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestAwsIamCollectors {
  @Test
  void accountUsersAndRoles() throws Exception {
    try (AwsStubServer server = new AwsStubServer("sts/caller", "ec2/regions", "iam/account")) {
      InMemoryCollectionSink sink =
          server.scanChecked(
              server.scope(List.of("ap-northeast-1"), List.of()),
              new AwsIamAccountCollector(),
              new AwsIamUserCollector(),
              new AwsIamRoleCollector());
      assertThat(sink.gaps()).isEmpty();
      assertThat(sink.resources()).allSatisfy(r -> assertThat(r.region()).isEqualTo("global"));

      JsonNode account = resource(sink, "arn:aws:iam::123456789012:root").attributes();
      assertThat(account.at("/root/mfaEnabled").asBoolean()).isTrue();
      assertThat(account.at("/root/virtualMfa").asBoolean()).isTrue();
      assertThat(account.at("/root/accessKeysPresent").asBoolean()).isFalse();
      assertThat(account.at("/root/passwordLastUsedAt").asText()).isEqualTo("2026-09-01T10:00:00Z");
      assertThat(account.at("/passwordPolicy/exists").asBoolean()).isTrue();
      assertThat(account.at("/passwordPolicy/minimumLength").asInt()).isEqualTo(14);
      assertThat(account.at("/passwordPolicy/reusePrevention").asInt()).isEqualTo(24);
      assertThat(account.at("/passwordPolicy").has("maxAgeDays")).isFalse();
      assertThat(account.at("/securityContact/registered").asBoolean()).isTrue();
      assertThat(account.at("/identityCenter/enabled").asBoolean()).isTrue();

      Resource alice = resource(sink, "arn:aws:iam::123456789012:user/alice");
      assertThat(alice.tags()).containsEntry("lc-owner", "platform");
      JsonNode a = alice.attributes();
      assertThat(a.get("passwordEnabled").asBoolean()).isTrue();
      assertThat(a.get("mfaActive").asBoolean()).isTrue();
      assertThat(a.get("passwordLastUsedAt").asText()).isEqualTo("2026-11-20T08:30:00Z");
      assertThat(a.at("/accessKeys/0/status").asText()).isEqualTo("Active");
      assertThat(a.at("/accessKeys/0/lastUsedAt").asText()).isEqualTo("2026-11-25T00:00:00Z");
      // access key ids are secret-looking values: redacted before they reach the inventory
      assertThat(a.at("/accessKeys/0/id").asText()).isEqualTo("[REDACTED]");
      assertThat(a.at("/policies/groups/0").asText()).isEqualTo("admins");
      assertThat(a.at("/policies/fullAdmin").asBoolean()).isTrue();

      JsonNode bot = resource(sink, "arn:aws:iam::123456789012:user/ci/ci-bot").attributes();
      assertThat(bot.get("passwordEnabled").asBoolean()).isFalse();
      assertThat(bot.has("passwordLastUsedAt")).isFalse();
      assertThat(bot.at("/accessKeys/0").has("lastUsedAt")).isFalse();
      assertThat(bot.at("/policies/attachedArns/0").asText())
          .isEqualTo("arn:aws:iam::123456789012:policy/ci-deploy");
      assertThat(bot.at("/policies/fullAdmin").asBoolean()).isFalse();

      Resource audit = resource(sink, "arn:aws:iam::123456789012:role/lcscan-audit");
      assertThat(audit.tags()).containsEntry("lc-system-id", "SYS-001");
      JsonNode r = audit.attributes();
      assertThat(r.get("serviceLinked").asBoolean()).isFalse();
      assertThat(r.get("maxSessionDurationSeconds").asInt()).isEqualTo(3600);
      assertThat(r.get("lastUsedAt").asText()).isEqualTo("2026-11-25T22:00:00Z");
      assertThat(r.at("/trust/accounts/0/accountId").asText()).isEqualTo("210987654321");
      assertThat(r.at("/trust/accounts/1/accountId").asText()).isEqualTo("111122223333");
      assertThat(r.at("/trust/accounts/0/externalIdCondition").asBoolean()).isTrue();
      assertThat(r.at("/attachedPolicyArns").size()).isEqualTo(2);
      JsonNode support =
          resource(
                  sink,
                  "arn:aws:iam::123456789012:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport")
              .attributes();
      assertThat(support.get("serviceLinked").asBoolean()).isTrue();
      assertThat(support.at("/trust/services/0").asText()).isEqualTo("ec2.amazonaws.com");
      assertThat(support.has("lastUsedAt")).isFalse();
    }
  }

  @Test
  void anAccountWithNothingConfigured() throws Exception {
    try (AwsStubServer server =
        new AwsStubServer("sts/caller", "ec2/regions", "iam/account", "iam/unconfigured")) {
      InMemoryCollectionSink sink =
          server.scanChecked(
              server.scope(List.of("ap-northeast-1"), List.of()),
              new AwsIamAccountCollector(),
              new AwsIamUserCollector());
      JsonNode account = resource(sink, "arn:aws:iam::123456789012:root").attributes();
      assertThat(account.at("/passwordPolicy/exists").asBoolean()).isFalse();
      assertThat(account.at("/passwordPolicy").has("minimumLength")).isFalse();
      assertThat(account.at("/securityContact/registered").asBoolean()).isFalse();
      assertThat(account.at("/root").has("passwordLastUsedAt")).isFalse();
      // users without a credential report: a gap that says how to get one, never a guess
      assertThat(sink.gaps())
          .singleElement()
          .satisfies(
              gap -> {
                assertThat(gap.resourceType()).isEqualTo("aws.iam.user");
                assertThat(gap.region()).isEqualTo("global");
                assertThat(gap.reason()).isEqualTo(GapReason.ERROR);
                assertThat(gap.detail()).contains("generate-credential-report");
              });
      assertThat(
              resource(sink, "arn:aws:iam::123456789012:user/alice").attributes().has("mfaActive"))
          .isFalse();
      assertThat(sink.gaps())
          .extracting(CoverageGap::resourceType)
          .doesNotContain("aws.iam.account");
    }
  }

  @Test
  void readsTrustPrincipals() {
    assertThat(AwsIamRoleCollector.accountOf("arn:aws:iam::210987654321:role/x"))
        .isEqualTo("210987654321");
    assertThat(AwsIamRoleCollector.accountOf("111122223333")).isEqualTo("111122223333");
    assertThat(AwsIamRoleCollector.accountOf("*")).isEqualTo("*");
    assertThat(
            AwsIamUserCollector.allowsEverything(
                "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"))
        .isTrue();
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
}
