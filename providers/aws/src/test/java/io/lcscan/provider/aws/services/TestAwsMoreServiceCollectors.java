package io.lcscan.provider.aws.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.provider.aws.AwsStubServer;
import io.lcscan.provider.aws.backup.AwsBackupPlanCollector;
import io.lcscan.provider.aws.backup.AwsBackupVaultCollector;
import io.lcscan.provider.aws.cloudfront.AwsCloudFrontDistributionCollector;
import io.lcscan.provider.aws.cloudhsm.AwsCloudHsmClusterCollector;
import io.lcscan.provider.aws.elbv2.AwsElbv2LoadBalancerCollector;
import io.lcscan.provider.aws.organizations.AwsOrganizationsAccountCollector;
import io.lcscan.provider.aws.route53.AwsRoute53HostedZoneCollector;
import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Load balancers, AWS Backup, CloudHSM, and the global CloudFront, Route 53 and Organizations. */
class TestAwsMoreServiceCollectors {
  @Test
  void regional() throws Exception {
    try (AwsStubServer server =
        new AwsStubServer("sts/caller", "ec2/regions", "services/regional-more")) {
      InMemoryCollectionSink sink =
          server.scanChecked(
              server.scope(List.of("ap-northeast-1"), List.of()),
              new AwsElbv2LoadBalancerCollector(),
              new AwsBackupPlanCollector(),
              new AwsBackupVaultCollector(),
              new AwsCloudHsmClusterCollector());
      assertThat(sink.gaps()).isEmpty();

      JsonNode web =
          attributes(
              sink,
              "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188");
      assertThat(web.get("dnsName").asText())
          .isEqualTo("web-1234567890.ap-northeast-1.elb.amazonaws.com");
      assertThat(web.at("/listeners/0/minimumTlsVersion").asText()).isEqualTo("1.2");
      assertThat(web.at("/listeners/0/redirectsToHttps").asBoolean()).isFalse();
      assertThat(web.at("/listeners/1/redirectsToHttps").asBoolean()).isTrue();
      assertThat(web.at("/listeners/1").has("sslPolicy")).isFalse();
      assertThat(web.at("/tls/minimumVersion").asText()).isEqualTo("1.2");
      assertThat(web.get("deletionProtection").asBoolean()).isTrue();
      assertThat(web.at("/logging/enabled").asBoolean()).isTrue();
      assertThat(web.get("webAclArn").asText()).contains("regional/webacl/web-acl");
      JsonNode nlb =
          attributes(
              sink,
              "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/net/tcp-in/73e2d6bc24d8a067");
      assertThat(nlb.at("/tls/minimumVersion").asText()).isEqualTo("1.0");
      assertThat(nlb.has("webAclArn")).isFalse();
      assertThat(nlb.get("deletionProtection").asBoolean()).isFalse();
      String listeners =
          sink.raw().entrySet().stream()
              .filter(entry -> entry.getKey().contains("DescribeListeners"))
              .map(entry -> new String(entry.getValue(), StandardCharsets.UTF_8))
              .reduce("", String::concat);
      assertThat(listeners)
          .contains("<ClientSecret>[REDACTED]</ClientSecret>")
          .doesNotContain("oidc-client-secret-value");

      JsonNode plan =
          attributes(
              sink,
              "arn:aws:backup:ap-northeast-1:123456789012:backup-plan:8d5c7b4e-1234-4a5b-9c8d-0123456789ab");
      assertThat(plan.get("selectionCount").asInt()).isEqualTo(1);
      assertThat(plan.at("/rules/0/deleteAfterDays").asInt()).isEqualTo(35);
      assertThat(plan.at("/rules/0/copyActions/0/region").asText()).isEqualTo("ap-northeast-3");
      assertThat(plan.at("/rules/0/copyActions/0/deleteAfterDays").asInt()).isEqualTo(90);
      assertThat(plan.at("/rules/1").has("deleteAfterDays")).isFalse();

      JsonNode vault =
          attributes(sink, "arn:aws:backup:ap-northeast-1:123456789012:backup-vault:records-vault");
      assertThat(vault.at("/encryption/customerManagedKey").asBoolean()).isTrue();
      assertThat(vault.get("locked").asBoolean()).isTrue();
      assertThat(vault.get("lockMode").asText()).isEqualTo("compliance");
      assertThat(vault.get("minRetentionDays").asInt()).isEqualTo(30);
      assertThat(vault.at("/recoveryPointsByResource/0/resourceType").asText()).isEqualTo("EBS");
      assertThat(vault.at("/recoveryPointsByResource/0").has("lastDeleteAt")).isFalse();
      assertThat(vault.at("/recoveryPointsByResource/1/count").asInt()).isEqualTo(2);
      assertThat(vault.at("/recoveryPointsByResource/1/lastDeleteAt").asText())
          .isEqualTo("2025-12-29T00:00:00Z");

      Resource cluster =
          resource(
              sink, "arn:aws:cloudhsm:ap-northeast-1:123456789012:cluster/cluster-jxhlf7644ne");
      assertThat(cluster.attributes().get("hsmCount").asInt()).isEqualTo(1);
      assertThat(cluster.attributes().get("backupRetentionDays").asInt()).isEqualTo(90);
      assertThat(cluster.tags()).containsEntry("lc-data-class", "c3");
      assertThat(
              new String(
                  sink.raw().entrySet().stream()
                      .filter(entry -> entry.getKey().contains("DescribeClusters"))
                      .findFirst()
                      .orElseThrow()
                      .getValue(),
                  StandardCharsets.UTF_8))
          .doesNotContain("precopassword-should-never-be-stored");
    }
  }

  @Test
  void global() throws Exception {
    try (AwsStubServer server = new AwsStubServer("sts/caller", "ec2/regions", "services/global")) {
      InMemoryCollectionSink sink =
          server.scanChecked(
              server.scope(List.of("ap-northeast-1"), List.of()),
              new AwsCloudFrontDistributionCollector(),
              new AwsRoute53HostedZoneCollector(),
              new AwsOrganizationsAccountCollector());
      assertThat(sink.gaps()).isEmpty();
      assertThat(sink.resources()).allSatisfy(r -> assertThat(r.region()).isEqualTo("global"));

      Resource distribution =
          resource(sink, "arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE");
      assertThat(distribution.tags()).containsEntry("lc-system-id", "SYS-WEB");
      JsonNode cf = distribution.attributes();
      assertThat(cf.at("/tls/minimumVersion").asText()).isEqualTo("1.2");
      assertThat(cf.at("/tls/httpsOnly").asBoolean()).isFalse();
      assertThat(cf.at("/origins/0").has("protocolPolicy")).isFalse();
      assertThat(cf.at("/origins/1/protocolPolicy").asText()).isEqualTo("https-only");
      assertThat(cf.at("/origins/1/sslProtocols/0").asText()).isEqualTo("TLSv1.2");
      assertThat(cf.at("/logging/enabled").asBoolean()).isTrue();
      assertThat(cf.get("webAclId").asText()).contains("cf-acl");

      Resource zone = resource(sink, "arn:aws:route53:::hostedzone/Z1D633PJN98FT9");
      assertThat(zone.name()).isEqualTo("example.go.jp");
      assertThat(zone.tags()).containsEntry("lc-owner", "web-team");
      JsonNode records = zone.attributes().get("records");
      assertThat(records.size()).isEqualTo(4);
      assertThat(records.at("/1/values/0").asText()).isEqualTo("v=spf1 include:amazonses.com -all");
      assertThat(records.at("/2/aliasTarget").asText()).isEqualTo("d111111abcdef8.cloudfront.net");
      assertThat(records.at("/2/values").size()).isZero();

      Resource member =
          resource(sink, "arn:aws:organizations::123456789012:account/o-exampleorgid/210987654321");
      assertThat(member.account()).isEqualTo("210987654321");
      assertThat(member.tags()).containsEntry("lc-phase", "operate");
      assertThat(member.attributes().get("joinedAt").asText()).isEqualTo("2021-01-01T00:00:00Z");
      JsonNode closed =
          resource(sink, "arn:aws:organizations::123456789012:account/o-exampleorgid/333333333333")
              .attributes();
      assertThat(closed.get("state").asText()).isEqualTo("CLOSED");
      assertThat(closed.get("status").asText()).isEqualTo("SUSPENDED");
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
