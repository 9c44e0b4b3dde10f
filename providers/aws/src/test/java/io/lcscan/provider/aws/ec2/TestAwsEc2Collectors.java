package io.lcscan.provider.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.provider.aws.AwsStubServer;
import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every EC2 collector against one region's stubs in the EC2 query wire format. */
class TestAwsEc2Collectors {
  private static AwsStubServer server;
  private static InMemoryCollectionSink sink;

  @BeforeAll
  static void scan() throws Exception {
    server = new AwsStubServer("sts/caller", "ec2/regions", "ec2/resources");
    sink =
        server.scanChecked(
            server.scope(List.of("ap-northeast-1"), List.of()),
            new AwsEc2VolumeCollector(),
            new AwsEc2SnapshotCollector(),
            new AwsEc2ImageCollector(),
            new AwsEc2InstanceCollector(),
            new AwsEc2SecurityGroupCollector(),
            new AwsEc2ElasticIpCollector(),
            new AwsEc2HostCollector(),
            new AwsEc2VpcPeeringCollector(),
            new AwsEc2VpcCollector(),
            new AwsEc2RegionSettingsCollector());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void collectsWithoutGaps() {
    assertThat(sink.gaps()).isEmpty();
    assertThat(sink.resources())
        .extracting(Resource::type)
        .containsOnly(
            "aws.ec2.volume",
            "aws.ec2.snapshot",
            "aws.ec2.image",
            "aws.ec2.instance",
            "aws.ec2.security-group",
            "aws.ec2.elastic-ip",
            "aws.ec2.host",
            "aws.ec2.vpc-peering",
            "aws.ec2.vpc",
            "aws.ec2.region-settings");
  }

  @Test
  void volumes() {
    JsonNode used =
        attributes("arn:aws:ec2:ap-northeast-1:123456789012:volume/vol-0a1a1a1a1a1a1a1a1");
    assertThat(used.get("attached").asBoolean()).isTrue();
    assertThat(used.at("/attachedInstanceIds/0").asText()).isEqualTo("i-0aaaaaaaaaaaaaaaa");
    assertThat(used.get("sizeGiB").asInt()).isEqualTo(100);
    assertThat(used.get("createdAt").asText()).isEqualTo("2025-03-01T01:02:03Z");
    assertThat(used.at("/encryption/customerManagedKey").asBoolean()).isTrue();
    assertThat(used.at("/backup/awsBackup").asBoolean()).isTrue();
    assertThat(used.at("/backup/lastBackupAt").asText()).isEqualTo("2025-11-25T00:00:00Z");
    Resource usedVolume =
        resource("arn:aws:ec2:ap-northeast-1:123456789012:volume/vol-0a1a1a1a1a1a1a1a1");
    assertThat(usedVolume.name()).isEqualTo("app-data");
    assertThat(usedVolume.tags()).containsEntry("lc-data-class", "c2");

    JsonNode orphan =
        attributes("arn:aws:ec2:ap-northeast-1:123456789012:volume/vol-0b2b2b2b2b2b2b2b2");
    assertThat(orphan.get("attached").asBoolean()).isFalse();
    assertThat(orphan.has("snapshotId")).isFalse();
    assertThat(orphan.at("/encryption/enabled").asBoolean()).isFalse();
    assertThat(orphan.at("/encryption/customerManagedKey").asBoolean()).isFalse();
    assertThat(orphan.at("/backup/awsBackup").asBoolean()).isFalse();
  }

  @Test
  void snapshots() {
    JsonNode shared =
        attributes("arn:aws:ec2:ap-northeast-1:123456789012:snapshot/snap-0s1s1s1s1s1s1s1s1");
    assertThat(shared.at("/sharing/public").asBoolean()).isFalse();
    assertThat(shared.at("/sharing/accounts/0").asText()).isEqualTo("210987654321");
    assertThat(shared.get("awsBackupRecoveryPoint").asBoolean()).isFalse();
    JsonNode open =
        attributes("arn:aws:ec2:ap-northeast-1:123456789012:snapshot/snap-0s2s2s2s2s2s2s2s2");
    assertThat(open.at("/sharing/public").asBoolean()).isTrue();
    assertThat(open.get("awsBackupRecoveryPoint").asBoolean()).isTrue();
    assertThat(open.get("volumeId").asText()).isEqualTo("vol-ffffffff");
  }

  @Test
  void imagesAndInstances() {
    JsonNode image =
        attributes("arn:aws:ec2:ap-northeast-1:123456789012:image/ami-0i1i1i1i1i1i1i1i1");
    assertThat(image.get("createdAt").asText()).isEqualTo("2025-02-01T00:00:00Z");
    assertThat(image.get("deprecationTime").asText()).isEqualTo("2027-02-01T00:00:00Z");
    assertThat(image.at("/launchTemplateIds/0").asText()).isEqualTo("lt-0t1t1t1t1t1t1t1t1");
    assertThat(image.at("/sharing/organizations/0").asText()).contains("o-exampleorgid");
    assertThat(image.at("/sharing/accounts/0").asText()).isEqualTo("210987654321");

    JsonNode running =
        attributes("arn:aws:ec2:ap-northeast-1:123456789012:instance/i-0aaaaaaaaaaaaaaaa");
    assertThat(running.get("publicIp").asText()).isEqualTo("203.0.113.10");
    assertThat(running.at("/metadataOptions/httpTokens").asText()).isEqualTo("required");
    assertThat(running.at("/image/available").asBoolean()).isTrue();
    assertThat(running.at("/image/name").asText()).isEqualTo("golden-2025-02");
    assertThat(running.at("/ssm/managed").asBoolean()).isTrue();
    assertThat(running.at("/ssm/pingStatus").asText()).isEqualTo("Online");
    assertThat(running.at("/ssm/associationCompliance").asText()).isEqualTo("COMPLIANT");
    assertThat(running.at("/ssm/patch/missingCount").asInt()).isEqualTo(2);
    assertThat(running.at("/volumeIds/0").asText()).isEqualTo("vol-0a1a1a1a1a1a1a1a1");

    JsonNode stopped =
        attributes("arn:aws:ec2:ap-northeast-1:123456789012:instance/i-0bbbbbbbbbbbbbbbb");
    assertThat(stopped.get("stoppedAt").asText()).isEqualTo("2026-10-01T12:00:00Z");
    assertThat(stopped.at("/image/available").asBoolean()).isFalse();
    assertThat(stopped.at("/ssm/managed").asBoolean()).isFalse();
    assertThat(sink.resources()).noneMatch(r -> r.id().endsWith("i-0ccccccccccccccc0"));
  }

  @Test
  void userDataNeverLeavesTheRawAnswerUnredacted() {
    Map<String, byte[]> raw = sink.raw();
    String templates =
        raw.entrySet().stream()
            .filter(entry -> entry.getKey().contains("DescribeLaunchTemplateVersions"))
            .map(entry -> new String(entry.getValue(), StandardCharsets.UTF_8))
            .findFirst()
            .orElseThrow();
    assertThat(templates).contains("<userData>[REDACTED]</userData>").doesNotContain("IyEvYmlu");
    assertThat(raw.keySet())
        .anyMatch(name -> name.startsWith("aws/123456789012/ap-northeast-1/ec2/DescribeVolumes-"));
  }

  @Test
  void networkResources() {
    JsonNode web =
        attributes("arn:aws:ec2:ap-northeast-1:123456789012:security-group/sg-0g1g1g1g1g1g1g1g1");
    assertThat(web.get("attachedInterfaceCount").asInt()).isEqualTo(1);
    assertThat(web.at("/ingress/0/ipv4Ranges/0").asText()).isEqualTo("0.0.0.0/0");
    assertThat(web.at("/ingress/0/fromPort").asInt()).isEqualTo(443);
    assertThat(web.at("/ingress/1/prefixListIds/0").asText()).isEqualTo("pl-0abc0abc0abc0abc0");
    assertThat(web.get("egressRuleCount").asInt()).isEqualTo(1);
    JsonNode fallback =
        attributes("arn:aws:ec2:ap-northeast-1:123456789012:security-group/sg-0def0def0def0def0");
    assertThat(fallback.get("isDefault").asBoolean()).isTrue();
    assertThat(fallback.at("/ingress/0").has("fromPort")).isFalse();
    assertThat(fallback.get("attachedInterfaceCount").asInt()).isZero();

    JsonNode spare =
        attributes("arn:aws:ec2:ap-northeast-1:123456789012:elastic-ip/eipalloc-0e2e2e2e2e2e2e2e2");
    assertThat(spare.get("attached").asBoolean()).isFalse();
    JsonNode vpc = attributes("arn:aws:ec2:ap-northeast-1:123456789012:vpc/vpc-0v1v1v1v1v1v1v1v1");
    assertThat(vpc.get("inUse").asBoolean()).isTrue();
    assertThat(vpc.at("/flowLogs/enabled").asBoolean()).isTrue();
    assertThat(vpc.at("/subnets/0/internetGatewayRoute").asBoolean()).isTrue();
    assertThat(vpc.at("/subnets/1/internetGatewayRoute").asBoolean()).isFalse();
    JsonNode defaultVpc =
        attributes("arn:aws:ec2:ap-northeast-1:123456789012:vpc/vpc-0d0d0d0d0d0d0d0d0");
    assertThat(defaultVpc.get("inUse").asBoolean()).isFalse();
    assertThat(defaultVpc.at("/flowLogs/enabled").asBoolean()).isFalse();
    JsonNode peering =
        attributes(
            "arn:aws:ec2:ap-northeast-1:123456789012:vpc-peering-connection/pcx-0p1p1p1p1p1p1p1p1");
    assertThat(peering.at("/accepter/ownerId").asText()).isEqualTo("210987654321");
    JsonNode host =
        attributes("arn:aws:ec2:ap-northeast-1:123456789012:dedicated-host/h-0h1h1h1h1h1h1h1h1");
    assertThat(host.get("instanceFamily").asText()).isEqualTo("m5");
    assertThat(host.get("instanceCount").asInt()).isEqualTo(1);
  }

  @Test
  void regionSettings() {
    JsonNode settings = attributes("aws:ec2:ap-northeast-1:123456789012:region-settings");
    assertThat(settings.get("ebsEncryptionByDefault").asBoolean()).isTrue();
    assertThat(settings.get("ebsDefaultKmsKeyId").asText())
        .isEqualTo(
            "arn:aws:kms:ap-northeast-1:123456789012:key/4444dddd-4444-4444-4444-444444444444");
    assertThat(settings.get("snapshotBlockPublicAccess").asText()).isEqualTo("block-all-sharing");
    assertThat(settings.get("imageBlockPublicAccess").asText()).isEqualTo("block-new-sharing");
    assertThat(settings.at("/sessionManager/configured").asBoolean()).isTrue();
    assertThat(settings.at("/sessionManager/s3BucketName").asText()).isEqualTo("lc-session-logs");
    assertThat(settings.at("/sessionManager").has("cloudWatchLogGroupName")).isFalse();
  }

  private static Resource resource(String id) {
    return sink.resources().stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no resource " + id));
  }

  private static JsonNode attributes(String id) {
    return resource(id).attributes();
  }
}
