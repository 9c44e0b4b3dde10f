package io.lcscan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.config.LcscanConfig;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceChange;
import io.lcscan.spi.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code resource.change}, {@code weakening()}, {@code resourceById()}, {@code error()}. */
class TestChangeAwareRules {
  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  private static final LcscanConfig CONFIG = TestConfigs.testConfig();
  private static final String ACCOUNT = "111111111111";
  private static final String REGION = "ap-northeast-1";
  private static final String CMK =
      "{\"encryption\":{\"enabled\":true,\"customerManagedKey\":true}}";

  private final Engine engine = new Engine(CONFIG, Clock.fixed(NOW, ZoneOffset.UTC));

  // ---- weakening()

  @Test
  void removingTheCustomerKeyIsAWeakening() {
    Resource bucket =
        bucket("{\"encryption\":{\"enabled\":true,\"customerManagedKey\":false}}")
            .change(update(REGION, Map.of(), CMK))
            .build();
    Finding finding = only("LC-RENEW-01", bucket);
    assertThat(finding.status()).isEqualTo(Status.FAIL);
    assertThat(finding.message()).isEqualTo("weakened: encryption.customerManagedKey true→false");
  }

  @Test
  void unchangedSettingsAreNoWeakening() {
    Resource bucket = bucket(CMK).change(update(REGION, Map.of(), CMK)).build();
    assertThat(only("LC-RENEW-01", bucket).status()).isEqualTo(Status.PASS);
  }

  @Test
  void withoutAPriorStateTheRuleSkips() {
    assertThat(only("LC-RENEW-01", bucket(CMK).build()).status()).isEqualTo(Status.NOT_APPLICABLE);
    Finding created =
        only(
            "LC-RENEW-01", bucket(CMK).change(new ResourceChange(List.of("create"), null)).build());
    assertThat(created.status()).isEqualTo(Status.NOT_APPLICABLE);
    assertThat(created.message()).isEqualTo("no prior state to compare");
  }

  @Test
  void everyWeakenedSettingIsListed() {
    String before =
        "{\"encryption\":{\"enabled\":true,\"keyId\":\"arn:k1\"},\"deletionProtection\":true,"
            + "\"publicAccess\":{\"blocked\":true,\"public\":false},"
            + "\"logging\":{\"enabled\":true,\"retentionDays\":365},"
            + "\"backup\":{\"enabled\":true,\"retentionDays\":35},"
            + "\"tls\":{\"minimumVersion\":\"1.2\",\"httpsOnly\":true},"
            + "\"versioning\":{\"enabled\":true},\"rotation\":{\"enabled\":true}}";
    String after =
        "{\"encryption\":{\"enabled\":false},\"deletionProtection\":false,"
            + "\"publicAccess\":{\"blocked\":false,\"public\":true},"
            + "\"logging\":{\"enabled\":false,\"retentionDays\":30},"
            + "\"backup\":{\"enabled\":false,\"retentionDays\":7},"
            + "\"tls\":{\"minimumVersion\":\"1.0\",\"httpsOnly\":false},"
            + "\"versioning\":{\"enabled\":false},\"rotation\":{\"enabled\":false}}";
    Resource bucket =
        bucket(after).region("us-east-1").change(update(REGION, Map.of(), before)).build();
    assertThat(only("LC-RENEW-01", bucket).message())
        .isEqualTo(
            "weakened: encryption.enabled true→false; encryption.keyId arn:k1→absent;"
                + " deletionProtection true→false; publicAccess.blocked true→false;"
                + " publicAccess.public false→true; logging.enabled true→false;"
                + " logging.retentionDays 365→30; backup.enabled true→false;"
                + " backup.retentionDays 35→7; tls.minimumVersion 1.2→1.0;"
                + " tls.httpsOnly true→false; versioning.enabled true→false;"
                + " rotation.enabled true→false; region ap-northeast-1→us-east-1");
  }

  @Test
  void strongerOrEqualSettingsAreNoWeakening() {
    String before =
        "{\"encryption\":{\"enabled\":false,\"keyId\":\"arn:k1\"},"
            + "\"logging\":{\"retentionDays\":30},\"tls\":{\"minimumVersion\":\"1.2\"},"
            + "\"publicAccess\":{\"public\":true}}";
    String after =
        "{\"encryption\":{\"enabled\":true,\"keyId\":\"arn:k2\"},"
            + "\"tls\":{\"minimumVersion\":\"1.3\"},\"publicAccess\":{\"public\":false}}";
    // logging.retentionDays absent: the logs never expire.
    Resource bucket = bucket(after).change(update(REGION, Map.of(), before)).build();
    assertThat(only("LC-RENEW-01", bucket).status()).isEqualTo(Status.PASS);
  }

  @Test
  void aWeakenedValueKnownAfterApplyIsError() {
    Resource bucket =
        bucket("{\"encryption\":{\"enabled\":true}}")
            .unknown("encryption.customerManagedKey")
            .change(update(REGION, Map.of(), CMK))
            .build();
    Finding finding = only("LC-RENEW-01", bucket);
    assertThat(finding.status()).isEqualTo(Status.ERROR);
    assertThat(finding.message()).isEqualTo("encryption.customerManagedKey is known after apply");
  }

  @Test
  void aSecureValueAbsentAfterTheChangeIsError() {
    Resource bucket =
        bucket("{\"encryption\":{\"enabled\":true}}").change(update(REGION, Map.of(), CMK)).build();
    Finding finding = only("LC-RENEW-01", bucket);
    assertThat(finding.status()).isEqualTo(Status.ERROR);
    assertThat(finding.message())
        .isEqualTo(
            "encryption.customerManagedKey (true before) is absent after the change: the source"
                + " did not report it");
  }

  @Test
  void aDefiniteWeakeningOutweighsAnUnknownValue() {
    Resource bucket =
        bucket("{\"encryption\":{\"enabled\":false}}")
            .unknown("encryption.customerManagedKey")
            .change(update(REGION, Map.of(), CMK))
            .build();
    Finding finding = only("LC-RENEW-01", bucket);
    assertThat(finding.status()).isEqualTo(Status.FAIL);
    assertThat(finding.message()).isEqualTo("weakened: encryption.enabled true→false");
  }

  @Test
  void aRegionKnownAfterApplyIsError() {
    Resource bucket = bucket(CMK).region("unknown").change(update(REGION, Map.of(), CMK)).build();
    Finding finding = only("LC-RENEW-01", bucket);
    assertThat(finding.status()).isEqualTo(Status.ERROR);
    assertThat(finding.message()).isEqualTo("region is known after apply");
  }

  // ---- delete-only resources

  @Test
  void deleteOnlyResourcesAreEvaluatedOnlyByRulesReadingTheChange() {
    Resource deleted =
        bucket(CMK)
            .change(
                new ResourceChange(
                    List.of("delete"),
                    new ResourceChange.Prior(REGION, Map.of("lc-data-class", "c3"), json(CMK))))
            .build();
    // Manual controls still give one finding per scanned account.
    List<Finding> findings =
        engine.evaluate(inventory(deleted)).findings().stream()
            .filter(finding -> finding.resourceId() != null)
            .toList();
    assertThat(findings)
        .extracting(Finding::controlId, Finding::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("LC-DISP-11", Status.FAIL),
            org.assertj.core.groups.Tuple.tuple("LC-RENEW-01", Status.PASS));
    assertThat(findings.get(0).message()).isEqualTo("deleted without approval (delete)");
    assertThat(engine.evaluationCount(inventory(deleted))).isEqualTo(2);
  }

  @Test
  void priorTagsAreLowercased() {
    Resource deleted =
        bucket(CMK)
            .change(
                new ResourceChange(
                    List.of("delete"),
                    new ResourceChange.Prior(
                        REGION, Map.of("LC-Disposal-Approval", "DSP-1"), json(CMK))))
            .build();
    assertThat(only("LC-DISP-11", deleted).status()).isEqualTo(Status.PASS);
  }

  @Test
  void aReplacementIsEvaluatedByEveryControl() {
    Resource replaced =
        bucket(CMK)
            .change(
                new ResourceChange(
                    List.of("delete", "create"),
                    new ResourceChange.Prior(REGION, Map.of(), json(CMK))))
            .build();
    Finding disposal = only("LC-DISP-11", replaced);
    assertThat(disposal.status()).isEqualTo(Status.FAIL);
    assertThat(disposal.message()).isEqualTo("deleted without approval (delete,create)");
    assertThat(only("LC-BUILD-01", replaced).status()).isEqualTo(Status.PASS);
  }

  @Test
  void deleteOnlyResourcesAreNotInAccountWideLookups() {
    Resource trail =
        Resource.builder("aws", "aws.cloudtrail.trail", "trail-1")
            .account(ACCOUNT)
            .region(REGION)
            .attributes(json("{\"multiRegion\":true,\"logging\":true}"))
            .change(
                new ResourceChange(
                    List.of("delete"),
                    new ResourceChange.Prior(
                        REGION, Map.of(), json("{\"multiRegion\":true,\"logging\":true}"))))
            .build();
    assertThat(findings("LC-OPER-01", bucket(CMK).build(), trail))
        .extracting(Finding::status)
        .containsExactly(Status.FAIL);
  }

  // ---- resourceById() and error()

  @Test
  void resourceByIdFindsAResourceInAnyAccount() {
    Resource key =
        Resource.builder("aws", "aws.kms.key", "arn:k1")
            .account("999999999999")
            .region(REGION)
            .attributes(json("{\"keyManager\":\"CUSTOMER\"}"))
            .build();
    Resource bucket = bucket("{\"encryption\":{\"keyId\":\"arn:k1\"}}").build();
    assertThat(findings("LC-BUILD-02", bucket, key))
        .extracting(Finding::status)
        .containsExactly(Status.PASS);
    Resource awsKey =
        Resource.builder("aws", "aws.kms.key", "arn:k1")
            .account(ACCOUNT)
            .region(REGION)
            .attributes(json("{\"keyManager\":\"AWS\"}"))
            .build();
    assertThat(findings("LC-BUILD-02", bucket, awsKey))
        .extracting(Finding::status, Finding::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Status.FAIL, "key arn:k1 is AWS-managed"));
  }

  @Test
  void errorGivesErrorWithTheRulesMessage() {
    Resource bucket = bucket("{\"encryption\":{\"keyId\":\"arn:missing\"}}").build();
    Finding finding = only("LC-BUILD-02", bucket);
    assertThat(finding.status()).isEqualTo(Status.ERROR);
    assertThat(finding.message()).isEqualTo("key arn:missing is not in the inventory");
  }

  // ---- unknown region

  @Test
  void unknownRegionIsErrorForRulesReadingTheRegion() {
    Resource bucket = bucket(CMK).region("unknown").build();
    Finding adoption = only("LC-ADOPT-01", bucket);
    assertThat(adoption.status()).isEqualTo(Status.ERROR);
    assertThat(adoption.message()).isEqualTo("region is known after apply");
    assertThat(only("LC-BUILD-01", bucket).status()).isEqualTo(Status.PASS);
  }

  // ---- helpers

  private static ResourceChange update(String region, Map<String, String> tags, String before) {
    return new ResourceChange(
        List.of("update"), new ResourceChange.Prior(region, tags, json(before)));
  }

  private Finding only(String controlId, Resource resource) {
    List<Finding> findings = findings(controlId, resource);
    assertThat(findings).hasSize(1);
    return findings.get(0);
  }

  private List<Finding> findings(String controlId, Resource... resources) {
    return engine
        .evaluate(inventory(resources), NOW, control -> control.id().equals(controlId))
        .findings();
  }

  private static Inventory inventory(Resource... resources) {
    return new Inventory(
        Inventory.SCHEMA_VERSION, null, Arrays.asList(resources), List.of(), List.of());
  }

  private static Resource.Builder bucket(String attributes) {
    return Resource.builder("aws", "aws.s3.bucket", "arn:aws:s3:::b1")
        .account(ACCOUNT)
        .region(REGION)
        .name("b1")
        .tags(Map.of("lc-data-class", "c3"))
        .attributes(json(attributes));
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
