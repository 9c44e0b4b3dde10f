package io.lcscan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.lcscan.config.LcscanConfig;
import io.lcscan.spi.Classification;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Finding;
import io.lcscan.spi.GapReason;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import io.lcscan.spi.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestEngine {
  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  private static final LcscanConfig CONFIG = TestConfigs.testConfig();
  private static final String ACCOUNT = "111111111111";

  private final Engine engine = new Engine(CONFIG, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void passShowsTheAttributesReadAsEvidence() {
    Finding finding =
        only(
            "LC-BUILD-01",
            bucket("b1", "c3", attributes("{\"encryption\":{\"customerManagedKey\":true}}")));
    assertThat(finding.status()).isEqualTo(Status.PASS);
    assertThat(finding.classification()).isEqualTo(Classification.C3);
    assertThat(finding.evidence()).containsOnlyKeys("encryption.customerManagedKey");
    assertThat(finding.evidence().get("encryption.customerManagedKey").asBoolean()).isTrue();
  }

  @Test
  void falseNamesTheValuesRead() {
    Finding finding =
        only(
            "LC-BUILD-01",
            bucket("b1", "c2", attributes("{\"encryption\":{\"customerManagedKey\":false}}")));
    assertThat(finding.status()).isEqualTo(Status.FAIL);
    assertThat(finding.message()).isEqualTo("encryption.customerManagedKey=false");
  }

  @Test
  void falseNamesSettingsRead() {
    Finding finding =
        only(
            "LC-DISP-02",
            key(
                "k1",
                attributes("{\"keyManager\":\"CUSTOMER\",\"deletion\":{\"windowDays\":14}}")));
    assertThat(finding.status()).isEqualTo(Status.FAIL);
    assertThat(finding.message())
        .isEqualTo(
            "deletion.windowDays=14, keyManager=CUSTOMER (settings.keyDeleteWindowMinDays=30)");
  }

  @Test
  void failMessageFromTheRule() {
    Finding finding = only("LC-OPER-01", bucket("b1", "c2", attributes("{}")));
    assertThat(finding.message()).isEqualTo("no multi-region trail in account " + ACCOUNT);
    assertThat(finding.status()).isEqualTo(Status.FAIL);
    assertThat(finding.message()).isEqualTo("no multi-region trail in account " + ACCOUNT);
  }

  @Test
  void resourcesLooksUpTheSameAccount() {
    Resource trail =
        Resource.builder("aws", "aws.cloudtrail.trail", "trail-1")
            .account(ACCOUNT)
            .region("ap-northeast-1")
            .attributes(attributes("{\"multiRegion\":true,\"logging\":true}"))
            .build();
    Resource otherAccountTrail =
        Resource.builder("aws", "aws.cloudtrail.trail", "trail-2")
            .account("999999999999")
            .region("ap-northeast-1")
            .attributes(attributes("{\"multiRegion\":true,\"logging\":true}"))
            .build();
    Resource bucket = bucket("b1", "c2", attributes("{}"));
    assertThat(findings("LC-OPER-01", bucket, trail))
        .extracting(Finding::status)
        .containsExactly(Status.PASS);
    assertThat(findings("LC-OPER-01", bucket, otherAccountTrail))
        .extracting(Finding::status)
        .containsExactly(Status.FAIL);
  }

  @Test
  void missingAttributeIsError() {
    Finding finding =
        only("LC-BUILD-01", bucket("b1", "c2", attributes("{\"encryption\":{\"enabled\":true}}")));
    assertThat(finding.status()).isEqualTo(Status.ERROR);
    assertThat(finding.message())
        .startsWith("encryption.customerManagedKey is absent: the source did not report it");
  }

  @Test
  void unknownAfterApplyIsErrorSayingSo() {
    Resource planned =
        Resource.builder("aws", "aws.s3.bucket", "arn:aws:s3:::planned")
            .account(ACCOUNT)
            .region("ap-northeast-1")
            .attributes(attributes("{\"encryption\":{\"enabled\":true}}"))
            .unknown("encryption.customerManagedKey")
            .build();
    Finding finding = only("LC-BUILD-01", planned);
    assertThat(finding.status()).isEqualTo(Status.ERROR);
    assertThat(finding.message()).isEqualTo("encryption.customerManagedKey is known after apply");
  }

  @Test
  void belowMinimumClassificationIsNotApplicable() {
    Resource bucket =
        Resource.builder("aws", "aws.s3.bucket", "arn:aws:s3:::public-site")
            .account(ACCOUNT)
            .region("ap-northeast-1")
            .tag("LC-Data-Class", "C1")
            .attributes(attributes("{\"encryption\":{\"customerManagedKey\":false}}"))
            .build();
    Finding finding = only("LC-BUILD-01", bucket);
    assertThat(finding.status()).isEqualTo(Status.NOT_APPLICABLE);
    assertThat(finding.message()).isEqualTo("classification C1 is below C2");
  }

  @Test
  void untaggedResourceGetsTheDefaultClassification() {
    Resource bucket =
        Resource.builder("aws", "aws.s3.bucket", "arn:aws:s3:::untagged")
            .account(ACCOUNT)
            .region("ap-northeast-1")
            .attributes(attributes("{\"encryption\":{\"customerManagedKey\":true}}"))
            .build();
    assertThat(only("LC-BUILD-01", bucket).classification()).isEqualTo(Classification.C2);
    assertThat(only("LC-BUILD-01", bucket.withClassification(Classification.C1)).status())
        .isEqualTo(Status.NOT_APPLICABLE);
  }

  @Test
  void skipIsNotApplicableWithItsReason() {
    Finding finding = only("LC-DISP-02", key("k1", attributes("{\"keyManager\":\"AWS\"}")));
    assertThat(finding.status()).isEqualTo(Status.NOT_APPLICABLE);
    assertThat(finding.message()).isEqualTo("AWS-managed key");
  }

  @Test
  void coverageGapGivesErrorForResourcesAndForTheScope() {
    Resource bucket =
        bucket("b1", "c2", attributes("{\"encryption\":{\"customerManagedKey\":true}}"));
    CoverageGap gap =
        new CoverageGap(
            "aws",
            ACCOUNT,
            "ap-northeast-1",
            "aws.s3.bucket",
            "s3",
            GapReason.ACCESS_DENIED,
            "GetBucketEncryption denied");
    List<Finding> findings =
        engine
            .evaluate(
                inventory(List.of(bucket), List.of(gap)),
                NOW,
                control -> control.id().equals("LC-BUILD-01"))
            .findings();
    assertThat(findings).extracting(Finding::status).containsExactly(Status.ERROR, Status.ERROR);
    assertThat(findings).extracting(Finding::resourceId).containsExactly("*", bucket.id());
    assertThat(findings.get(0).message())
        .isEqualTo(
            "aws.s3.bucket was not collected in aws account 111111111111 region ap-northeast-1: ACCESS_DENIED (GetBucketEncryption denied)");
  }

  @Test
  void gapOnALookedUpTypeIsError() {
    CoverageGap gap =
        new CoverageGap(
            "aws", ACCOUNT, "*", "aws.cloudtrail.trail", "cloudtrail", GapReason.THROTTLED, null);
    List<Finding> findings =
        engine
            .evaluate(
                inventory(List.of(bucket("b1", "c2", attributes("{}"))), List.of(gap)),
                NOW,
                control -> control.id().equals("LC-OPER-01"))
            .findings();
    assertThat(findings).extracting(Finding::status).containsExactly(Status.ERROR, Status.ERROR);
    assertThat(findings.get(1).message())
        .startsWith("the rule reads every aws.cloudtrail.trail in the account");
  }

  @Test
  void unexpiredWaiverWaivesAFail() {
    Finding finding =
        only(
            "LC-BUILD-01",
            bucket(
                "legacy-1", "c2", attributes("{\"encryption\":{\"customerManagedKey\":false}}")));
    assertThat(finding.status()).isEqualTo(Status.WAIVED);
    assertThat(finding.waiver().id()).isEqualTo("WVR-1");
    assertThat(finding.waiver().lapsed()).isFalse();
  }

  @Test
  void waiverDoesNotHideAPassOrAnError() {
    assertThat(
            only(
                    "LC-BUILD-01",
                    bucket(
                        "legacy-2",
                        "c2",
                        attributes("{\"encryption\":{\"customerManagedKey\":true}}")))
                .status())
        .isEqualTo(Status.PASS);
    assertThat(only("LC-BUILD-01", bucket("legacy-3", "c2", attributes("{}"))).status())
        .isEqualTo(Status.ERROR);
  }

  @Test
  void lapsedWaiverKeepsTheFailAndSaysSo() {
    Finding finding =
        only(
            "LC-BUILD-01",
            bucket("old-1", "c2", attributes("{\"encryption\":{\"customerManagedKey\":false}}")));
    assertThat(finding.status()).isEqualTo(Status.FAIL);
    assertThat(finding.message())
        .isEqualTo("encryption.customerManagedKey=false; waiver WVR-0 lapsed on 2026-01-31");
    assertThat(finding.waiver().lapsed()).isTrue();
  }

  @Test
  void manualControlGivesOneFindingPerAccount() {
    Resource inAttestedAccount = bucket("b1", "c2", attributes("{}"));
    Resource inLapsedAccount = bucketIn("222222222222", "b2");
    Resource inOtherAccount = bucketIn("333333333333", "b3");
    List<Finding> findings =
        findings("LC-OPER-10", inAttestedAccount, inLapsedAccount, inOtherAccount);
    assertThat(findings)
        .extracting(Finding::account)
        .containsExactly(ACCOUNT, "222222222222", "333333333333");
    assertThat(findings)
        .extracting(Finding::status)
        .containsExactly(Status.PASS, Status.FAIL, Status.MANUAL);
    assertThat(findings.get(0).message())
        .isEqualTo(
            "attested: AUD-1 conferencing review by Internal audit on 2026-10-01, valid until 2027-09-30");
    assertThat(findings.get(1).message())
        .isEqualTo("attestation AUD-0 conferencing review by Internal audit lapsed on 2025-12-31");
    assertThat(findings.get(2).message())
        .isEqualTo("manual check: attach the register entry; the review record");
  }

  @Test
  void manualControlWithoutAccountsGivesOneFinding() {
    List<Finding> findings =
        engine
            .evaluate(
                inventory(List.of(), List.of()), NOW, control -> control.id().equals("LC-OPER-10"))
            .findings();
    assertThat(findings)
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.status()).isEqualTo(Status.MANUAL);
              assertThat(finding.account()).isEqualTo("*");
            });
  }

  @Test
  void manualTypesGiveOneFindingPerResource() {
    Resource cluster =
        Resource.builder("aws", "aws.cloudhsm.cluster", "cluster-1")
            .account(ACCOUNT)
            .region("ap-northeast-1")
            .build();
    Finding finding = only("LC-DISP-09", cluster);
    assertThat(finding.status()).isEqualTo(Status.MANUAL);
    assertThat(finding.resourceId()).isEqualTo("cluster-1");
  }

  @Test
  void approvalReadsTheRegister() {
    assertThat(only("LC-ADOPT-01", bucket("b1", "c2", attributes("{}"))).status())
        .isEqualTo(Status.PASS);
    Resource outside =
        Resource.builder("aws", "aws.s3.bucket", "arn:aws:s3:::us")
            .account(ACCOUNT)
            .region("us-east-1")
            .build();
    assertThat(only("LC-ADOPT-01", outside).message())
        .isEqualTo("aws.s3.bucket in us-east-1 is region");
    Resource global =
        Resource.builder("aws", "aws.s3.bucket", "arn:aws:s3:::g")
            .account(ACCOUNT)
            .region("aws-global")
            .build();
    assertThat(only("LC-ADOPT-01", global).status()).isEqualTo(Status.PASS);
    assertThat(only("LC-ADOPT-01", key("k1", attributes("{}"))).message())
        .isEqualTo("aws.kms.key in ap-northeast-1 is expired (CIO-0)");
  }

  @Test
  void unapprovedServiceIsReported() {
    LcscanConfig noKms = CONFIG.withApprovedServices(io.lcscan.config.ApprovedServices.empty());
    Finding finding =
        new Engine(noKms, Clock.fixed(NOW, ZoneOffset.UTC))
            .evaluate(
                inventory(List.of(key("k1", attributes("{}"))), List.of()),
                NOW,
                control -> control.id().equals("LC-ADOPT-01"))
            .findings()
            .get(0);
    assertThat(finding.message()).isEqualTo("aws.kms.key in ap-northeast-1 is unapproved ()");
  }

  @Test
  void phaseAwareRuleUsesTagsAndDisposalApproval() {
    ObjectNode pending = attributes("{\"deletion\":{\"pendingDeletion\":true}}");
    Resource approved =
        Resource.builder("aws", "aws.kms.key", "k-approved")
            .account(ACCOUNT)
            .region("ap-northeast-1")
            .tag("LC-PHASE", "Dispose")
            .tag("lc-disposal-approval", "DSP-7")
            .attributes(pending)
            .build();
    Resource unapproved =
        Resource.builder("aws", "aws.kms.key", "k-unapproved")
            .account(ACCOUNT)
            .region("ap-northeast-1")
            .tag("lc-phase", "operate")
            .attributes(pending)
            .build();
    assertThat(only("LC-DISP-03", approved).status()).isEqualTo(Status.PASS);
    Finding fail = only("LC-DISP-03", unapproved);
    assertThat(fail.status()).isEqualTo(Status.FAIL);
    assertThat(fail.message()).isEqualTo("key pending deletion outside disposal (operate)");
  }

  @Test
  void daysSinceReadsTimesAndRejectsGarbage() {
    assertThat(
            only(
                    "LC-DISP-03",
                    key(
                        "k1",
                        attributes(
                            "{\"deletion\":{\"pendingDeletion\":false},\"createdAt\":\"2026-01-01T00:00:00Z\"}")))
                .status())
        .isEqualTo(Status.PASS);
    Finding error =
        only(
            "LC-DISP-03",
            key(
                "k2",
                attributes(
                    "{\"deletion\":{\"pendingDeletion\":false},\"createdAt\":\"yesterday\"}")));
    assertThat(error.status()).isEqualTo(Status.ERROR);
    assertThat(error.message()).contains("daysSince('yesterday'): not an RFC 3339 time or a date");
  }

  @Test
  void findingsAreSortedAndReproducible() throws Exception {
    List<Resource> resources = new ArrayList<>();
    for (String name : List.of("z", "a", "m", "legacy-1", "old-9")) {
      resources.add(
          bucket(
              name,
              "c2",
              attributes(
                  "{\"encryption\":{\"customerManagedKey\":" + name.startsWith("a") + "}}")));
      resources.add(
          key(
              "key-" + name,
              attributes(
                  "{\"keyManager\":\"CUSTOMER\",\"deletion\":{\"windowDays\":30,\"pendingDeletion\":false},\"createdAt\":\"2026-01-01T00:00:00Z\"}")));
    }
    ObjectMapper json =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT);
    ScanResult first = engine.evaluate(inventory(resources, List.of()));
    List<Resource> reversed = new ArrayList<>(resources);
    java.util.Collections.reverse(reversed);
    ScanResult second = engine.evaluate(inventory(reversed, List.of()));
    assertThat(json.writeValueAsString(second.findings()))
        .isEqualTo(json.writeValueAsString(first.findings()));
    assertThat(first.findings()).isSortedAccordingTo(Engine.FINDING_ORDER);
    assertThat(first.countsByStatus().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(first.findings().size());
    assertThat(first.catalogDigest()).hasSize(64);
    assertThat(first.catalogVersion()).isEqualTo("2026.11.0");
    assertThat(first.evaluatedAt()).isEqualTo(NOW);
    assertThat(engine.evaluationCount(inventory(resources, List.of()))).isEqualTo(5 * 6 + 5 * 3);
  }

  @Test
  void guiceModuleBindsTheEngine() {
    Injector injector =
        Guice.createInjector(
            new EngineModule(), binder -> binder.bind(LcscanConfig.class).toInstance(CONFIG));
    assertThat(injector.getInstance(Engine.class).config()).isSameAs(CONFIG);
  }

  // ---- helpers

  private Finding only(String controlId, Resource resource) {
    List<Finding> findings = findings(controlId, resource);
    assertThat(findings).hasSize(1);
    return findings.get(0);
  }

  private List<Finding> findings(String controlId, Resource... resources) {
    return engine
        .evaluate(
            inventory(Arrays.asList(resources), List.of()),
            NOW,
            control -> control.id().equals(controlId))
        .findings();
  }

  private static Inventory inventory(List<Resource> resources, List<CoverageGap> gaps) {
    return new Inventory(Inventory.SCHEMA_VERSION, null, resources, gaps, List.of());
  }

  private static Resource bucket(String name, String classification, ObjectNode attributes) {
    return Resource.builder("aws", "aws.s3.bucket", "arn:aws:s3:::" + name)
        .account(ACCOUNT)
        .region("ap-northeast-1")
        .name(name)
        .tags(Map.of("lc-data-class", classification))
        .attributes(attributes)
        .build();
  }

  private static Resource bucketIn(String account, String name) {
    return Resource.builder("aws", "aws.s3.bucket", "arn:aws:s3:::" + name)
        .account(account)
        .region("ap-northeast-1")
        .build();
  }

  private static Resource key(String id, ObjectNode attributes) {
    return Resource.builder("aws", "aws.kms.key", id)
        .account(ACCOUNT)
        .region("ap-northeast-1")
        .attributes(attributes)
        .build();
  }

  private static ObjectNode attributes(String json) {
    try {
      return (ObjectNode) new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static ObjectNode emptyAttributes() {
    return JsonNodeFactory.instance.objectNode();
  }
}
