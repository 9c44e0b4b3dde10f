package io.lcscan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceSource;
import io.lcscan.spi.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plan resources and the attributes only a live scan reports ({@code x-lcscan.liveOnly}). */
class TestLiveOnlyAttributes {
  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  private static final LcscanConfig CONFIG = LcscanConfig.load(ConfigSource.bundled());

  private final Engine engine = new Engine(CONFIG, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aPlanCannotKnowALiveOnlyAttributeSoTheControlIsLeftToTheLiveScan() {
    Finding finding = only("LC-RENEW-02", database("{\"engine\":\"mysql\"}").build());
    assertThat(finding.status()).isEqualTo(Status.NOT_APPLICABLE);
    assertThat(finding.message())
        .isEqualTo(
            "live scan only: engineVersionStatus is reported by the running service, never by a"
                + " plan");
  }

  @Test
  void aLiveScanMissingTheSameAttributeIsAnError() {
    Finding finding =
        only(
            "LC-RENEW-02",
            database("{\"engine\":\"mysql\"}")
                .source(ResourceSource.live(List.of("rds:DescribeDBInstances")))
                .build());
    assertThat(finding.status()).isEqualTo(Status.ERROR);
    assertThat(finding.message()).startsWith("engineVersionStatus is absent");
  }

  @Test
  void aPlanMissingAnAttributeItShouldCarryIsStillAnError() {
    // publicly_accessible is in every plan of a database: its absence is missing data
    Finding finding = only("LC-BUILD-03", database("{\"engine\":\"mysql\"}").build());
    assertThat(finding.status()).isEqualTo(Status.ERROR);
    assertThat(finding.message()).doesNotContain("live scan only");
  }

  @Test
  void aValueKnownAfterApplyStaysAnErrorEvenWhenLiveOnly() {
    Finding finding =
        only(
            "LC-RENEW-02",
            database("{\"engine\":\"mysql\"}").unknown("engineVersionStatus").build());
    assertThat(finding.status()).isEqualTo(Status.ERROR);
    assertThat(finding.message()).isEqualTo("engineVersionStatus is known after apply");
  }

  @Test
  void everyLiveOnlyPathIsAnAttributeOfItsType() {
    CONFIG
        .catalog()
        .types()
        .values()
        .forEach(
            type ->
                type.liveOnly()
                    .forEach(
                        path ->
                            assertThat(type.hasPath(List.of(path.split("\\."))))
                                .as(type.name() + " liveOnly " + path)
                                .isTrue()));
    assertThat(CONFIG.catalog().types().get("aws.rds.instance").isLiveOnly("certificate.validTill"))
        .isTrue();
  }

  private static Resource.Builder database(String attributes) {
    return Resource.builder("aws", "aws.rds.instance", "aws_db_instance.app")
        .account("111111111111")
        .region("ap-northeast-1")
        .name("app")
        .tags(Map.of("lc-data-class", "c3"))
        .source(ResourceSource.plan("aws_db_instance.app", "main.tf"))
        .attributes(json(attributes));
  }

  private Finding only(String controlId, Resource resource) {
    List<Finding> findings =
        engine
            .evaluate(
                new Inventory(
                    Inventory.SCHEMA_VERSION, null, List.of(resource), List.of(), List.of()),
                NOW,
                control -> control.id().equals(controlId))
            .findings();
    assertThat(findings).hasSize(1);
    return findings.get(0);
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
