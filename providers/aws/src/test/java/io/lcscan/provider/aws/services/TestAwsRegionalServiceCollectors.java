package io.lcscan.provider.aws.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.provider.aws.AwsStubServer;
import io.lcscan.provider.aws.acm.AwsAcmCertificateCollector;
import io.lcscan.provider.aws.efs.AwsEfsFileSystemCollector;
import io.lcscan.provider.aws.lambda.AwsLambdaFunctionCollector;
import io.lcscan.provider.aws.logs.AwsLogsLogGroupCollector;
import io.lcscan.provider.aws.secretsmanager.AwsSecretsManagerSecretCollector;
import io.lcscan.provider.aws.workspaces.AwsWorkSpacesCollector;
import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lambda, ACM, EFS, Secrets Manager, WorkSpaces and CloudWatch Logs in one region. */
class TestAwsRegionalServiceCollectors {
  private static AwsStubServer server;
  private static InMemoryCollectionSink sink;

  @BeforeAll
  static void scan() throws Exception {
    server = new AwsStubServer("sts/caller", "ec2/regions", "services/regional");
    sink =
        server.scanChecked(
            server.scope(List.of("ap-northeast-1"), List.of()),
            new AwsLambdaFunctionCollector(),
            new AwsAcmCertificateCollector(),
            new AwsEfsFileSystemCollector(),
            new AwsSecretsManagerSecretCollector(),
            new AwsWorkSpacesCollector(),
            new AwsLogsLogGroupCollector());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void noGaps() {
    assertThat(sink.gaps()).isEmpty();
  }

  @Test
  void lambdaFunctionsWithoutTheirEnvironment() {
    Resource api = resource("arn:aws:lambda:ap-northeast-1:123456789012:function:app-api");
    assertThat(api.tags()).containsEntry("lc-owner", "api-team");
    JsonNode a = api.attributes();
    assertThat(a.get("runtime").asText()).isEqualTo("python3.12");
    assertThat(a.get("lastModified").asText()).isEqualTo("2026-11-01T09:30:00Z");
    assertThat(a.at("/encryption/customerManagedKey").asBoolean()).isTrue();
    assertThat(a.get("functionUrlAuthType").asText()).isEqualTo("NONE");
    assertThat(a.toString()).doesNotContain("hunter2").doesNotContain("DB_PASSWORD");
    JsonNode worker =
        resource("arn:aws:lambda:ap-northeast-1:123456789012:function:image-worker").attributes();
    assertThat(worker.get("packageType").asText()).isEqualTo("Image");
    assertThat(worker.has("runtime")).isFalse();
    assertThat(worker.has("functionUrlAuthType")).isFalse();
    assertThat(worker.at("/encryption/customerManagedKey").asBoolean()).isFalse();

    String raw =
        sink.raw().entrySet().stream()
            .filter(entry -> entry.getKey().contains("/ListFunctions-"))
            .map(entry -> new String(entry.getValue(), StandardCharsets.UTF_8))
            .findFirst()
            .orElseThrow();
    assertThat(raw)
        .contains("\"DB_PASSWORD\":\"[REDACTED]\"", "\"STAGE\":\"[REDACTED]\"")
        .doesNotContain("hunter2");
  }

  @Test
  void certificates() {
    JsonNode issued =
        resource(
                "arn:aws:acm:ap-northeast-1:123456789012:certificate/12345678-1234-1234-1234-123456789012")
            .attributes();
    assertThat(issued.get("inUse").asBoolean()).isTrue();
    assertThat(issued.get("notAfter").asText()).isEqualTo("2026-11-25T16:00:00Z");
    assertThat(issued.get("renewalEligibility").asText()).isEqualTo("ELIGIBLE");
    JsonNode imported =
        resource(
                "arn:aws:acm:ap-northeast-1:123456789012:certificate/87654321-4321-4321-4321-210987654321")
            .attributes();
    assertThat(imported.get("certificateType").asText()).isEqualTo("IMPORTED");
    assertThat(imported.get("inUse").asBoolean()).isFalse();
    assertThat(imported.get("inUseBy").size()).isZero();
  }

  @Test
  void fileSystemsSecretsAndDesktops() {
    JsonNode share =
        resource(
                "arn:aws:elasticfilesystem:ap-northeast-1:123456789012:file-system/fs-0123456789abcdef0")
            .attributes();
    assertThat(share.at("/encryption/customerManagedKey").asBoolean()).isTrue();
    assertThat(share.at("/backup/enabled").asBoolean()).isTrue();
    assertThat(share.at("/backup/awsBackup").asBoolean()).isFalse();
    assertThat(share.at("/replication/destinations/0/region").asText()).isEqualTo("ap-northeast-3");

    JsonNode secret =
        resource(
                "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:records-db-credentials-AbCdEf")
            .attributes();
    assertThat(secret.at("/rotation/enabled").asBoolean()).isTrue();
    assertThat(secret.at("/rotation/periodDays").asInt()).isEqualTo(30);
    assertThat(secret.at("/encryption/customerManagedKey").asBoolean()).isTrue();
    assertThat(secret.at("/replication/destinations/0/region").asText())
        .isEqualTo("ap-northeast-3");
    JsonNode managed =
        resource(
                "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:rds!db-1234abcd-5678-efgh-AbCdEf")
            .attributes();
    assertThat(managed.get("owningService").asText()).isEqualTo("rds");
    assertThat(managed.at("/rotation").has("periodDays")).isFalse();
    assertThat(managed.at("/encryption/customerManagedKey").asBoolean()).isFalse();

    JsonNode desktop =
        resource("arn:aws:workspaces:ap-northeast-1:123456789012:workspace/ws-abc123def")
            .attributes();
    assertThat(desktop.get("rootVolumeEncryption").asBoolean()).isTrue();
    assertThat(desktop.at("/encryption/customerManagedKey").asBoolean()).isFalse();
    assertThat(desktop.at("/directory/deviceAccess/web").asText()).isEqualTo("DENY");
    assertThat(desktop.at("/directory/ipGroupIds/0").asText()).isEqualTo("wsipg-abcdef123");
  }

  @Test
  void logGroups() {
    Resource trail = resource("arn:aws:logs:ap-northeast-1:123456789012:log-group:cloudtrail");
    assertThat(trail.tags()).containsEntry("lc-system-id", "SYS-LOG");
    JsonNode a = trail.attributes();
    assertThat(a.at("/logging/retentionDays").asInt()).isEqualTo(400);
    assertThat(a.at("/logging/neverExpire").asBoolean()).isFalse();
    assertThat(a.at("/metricFilters/0/alarmed").asBoolean()).isTrue();
    assertThat(a.get("createdAt").asText()).isEqualTo("2024-01-07T08:00:00Z");
    JsonNode lambda =
        resource("arn:aws:logs:ap-northeast-1:123456789012:log-group:/aws/lambda/app-api")
            .attributes();
    assertThat(lambda.at("/logging/neverExpire").asBoolean()).isTrue();
    assertThat(lambda.at("/encryption/customerManagedKey").asBoolean()).isFalse();
    assertThat(lambda.get("metricFilters").size()).isZero();
  }

  private static Resource resource(String id) {
    return sink.resources().stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + id + " in " + sink.resources().stream().map(Resource::id).toList()));
  }
}
