package io.lcscan.provider.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.provider.aws.AwsStubServer;
import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestAwsS3BucketCollector {
  @Test
  void readsEveryBucketSettingInTheBucketsRegion() throws Exception {
    try (AwsStubServer server = new AwsStubServer("sts/caller", "ec2/regions", "s3/buckets")) {
      InMemoryCollectionSink sink =
          server.scanChecked(
              server.scope(List.of("ap-northeast-1", "ap-northeast-3"), List.of()),
              new AwsS3BucketCollector());
      assertThat(sink.gaps()).isEmpty();
      assertThat(sink.resources())
          .extracting(Resource::name)
          .containsExactlyInAnyOrder("lc-secure-data", "lc-public-site");

      Resource secure = resource(sink, "lc-secure-data");
      assertThat(secure.id()).isEqualTo("arn:aws:s3:::lc-secure-data");
      assertThat(secure.region()).isEqualTo("ap-northeast-1");
      assertThat(secure.account()).isEqualTo(AwsStubServer.ACCOUNT);
      assertThat(secure.tags()).containsEntry("lc-data-class", "c3");
      JsonNode a = secure.attributes();
      assertThat(a.at("/createdAt").asText()).isEqualTo("2025-01-10T02:00:00Z");
      assertThat(a.at("/encryption/enabled").asBoolean()).isTrue();
      assertThat(a.at("/encryption/algorithm").asText()).isEqualTo("aws:kms");
      assertThat(a.at("/encryption/customerManagedKey").asBoolean()).isTrue();
      assertThat(a.at("/encryption/keyId").asText())
          .isEqualTo(
              "arn:aws:kms:ap-northeast-1:123456789012:key/1111aaaa-1111-1111-1111-111111111111");
      assertThat(a.at("/encryption/bucketKeyEnabled").asBoolean()).isTrue();
      assertThat(a.at("/publicAccess/blocked").asBoolean()).isTrue();
      assertThat(a.at("/publicAccess/public").asBoolean()).isFalse();
      assertThat(a.at("/publicAccess/accountLevel/blockPublicPolicy").asBoolean()).isFalse();
      assertThat(a.at("/publicAccess/bucketLevel/blockPublicPolicy").asBoolean()).isTrue();
      assertThat(a.at("/tls/httpsOnly").asBoolean()).isTrue();
      assertThat(a.at("/versioning/enabled").asBoolean()).isTrue();
      assertThat(a.at("/versioning/mfaDelete").asBoolean()).isFalse();
      assertThat(a.at("/lifecycle/configured").asBoolean()).isTrue();
      assertThat(a.at("/lifecycle/expirationDays").asInt()).isEqualTo(365);
      assertThat(a.at("/lifecycle/noncurrentExpirationDays").asInt()).isEqualTo(30);
      assertThat(a.at("/lifecycle/abortIncompleteUploadDays").asInt()).isEqualTo(7);
      assertThat(a.at("/logging/enabled").asBoolean()).isTrue();
      assertThat(a.at("/logging/targetBucket").asText()).isEqualTo("lc-access-logs");
      assertThat(a.at("/objectLock/enabled").asBoolean()).isTrue();
      assertThat(a.at("/objectLock/mode").asText()).isEqualTo("COMPLIANCE");
      assertThat(a.at("/objectLock/retentionDays").asInt()).isEqualTo(365);
      JsonNode destination = a.at("/replication/destinations/0");
      assertThat(destination.get("region").asText()).isEqualTo("ap-northeast-3");
      assertThat(destination.get("encrypted").asBoolean()).isTrue();
      assertThat(destination.get("target").asText())
          .isEqualTo("arn:aws:s3:::lc-secure-data-replica");
      assertThat(destination.get("accountId").asText()).isEqualTo("123456789012");
      assertThat(a.at("/backup/awsBackup").asBoolean()).isTrue();
      assertThat(secure.references())
          .anySatisfy(ref -> assertThat(ref.relation()).isEqualTo("kmsKey"));
      assertThat(secure.source().calls())
          .contains("s3:GetBucketEncryption", "s3control:GetPublicAccessBlock");

      Resource open = resource(sink, "lc-public-site");
      assertThat(open.region()).isEqualTo("ap-northeast-3");
      assertThat(open.tags()).isEmpty();
      JsonNode b = open.attributes();
      assertThat(b.at("/encryption/enabled").asBoolean()).isTrue();
      assertThat(b.at("/encryption/algorithm").asText()).isEqualTo("AES256");
      assertThat(b.at("/encryption/customerManagedKey").asBoolean()).isFalse();
      assertThat(b.at("/encryption/keyId").isMissingNode()).isTrue();
      assertThat(b.at("/publicAccess/blocked").asBoolean()).isFalse();
      assertThat(b.at("/publicAccess/bucketLevel").isMissingNode()).isTrue();
      assertThat(b.at("/publicAccess/public").asBoolean()).isTrue();
      assertThat(b.at("/tls/httpsOnly").asBoolean()).isFalse();
      assertThat(b.at("/versioning/enabled").asBoolean()).isFalse();
      assertThat(b.at("/lifecycle/configured").asBoolean()).isFalse();
      assertThat(b.at("/lifecycle/expirationDays").isMissingNode()).isTrue();
      assertThat(b.at("/logging/enabled").asBoolean()).isFalse();
      assertThat(b.at("/objectLock/enabled").asBoolean()).isFalse();
      assertThat(b.at("/replication/destinations").size()).isZero();
      assertThat(b.at("/backup/awsBackup").asBoolean()).isFalse();
    }
  }

  @Test
  void recognisesAPolicyThatRefusesPlainHttp() {
    assertThat(
            AwsS3BucketCollector.deniesInsecureTransport(
                """
                {"Statement": {"Effect": "Deny", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"],
                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}
                """))
        .isTrue();
    assertThat(
            AwsS3BucketCollector.deniesInsecureTransport(
                """
                {"Statement": {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::1:root"}, "Action": "s3:*",
                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}
                """))
        .isFalse();
    assertThat(AwsS3BucketCollector.regionOfLocation(null)).isEqualTo("us-east-1");
    assertThat(AwsS3BucketCollector.regionOfLocation("EU")).isEqualTo("eu-west-1");
  }

  private static Resource resource(InMemoryCollectionSink sink, String name) {
    return sink.resources().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }
}
