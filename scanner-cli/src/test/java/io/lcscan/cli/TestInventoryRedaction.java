package io.lcscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.GapReason;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the CLI redacts in every inventory, and what rules read that must survive it. */
class TestInventoryRedaction {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void secretNamedValuesAndSecretLookingTextAreRedacted() {
    ObjectNode attributes = NODES.objectNode();
    attributes.put("masterUserPassword", "Hunter2-a");
    attributes.put("pin", 1234);
    attributes.putObject("database").put("connectionString", "Server=x;Password=Hunter2-b");
    attributes.put("userData", "#!/bin/sh\nexport DB_PASSWORD=Hunter2-c\n");
    attributes.putArray("endpoints").add("https://admin:Hunter2-d@db.example.jp/");
    Resource resource =
        Resource.builder("aws", "aws.rds.instance", "db-1")
            .tags(Map.of("api_token", "Hunter2-e", "lc-data-class", "c2", "Password", "Hunter2-f"))
            .attributes(attributes)
            .build();

    Resource redacted = only(InventoryRedaction.redact(inventory(resource)));

    String text = redacted.toString();
    for (String secret :
        List.of("Hunter2-a", "Hunter2-b", "Hunter2-c", "Hunter2-d", "Hunter2-e", "Hunter2-f")) {
      assertThat(text).doesNotContain(secret);
    }
    assertThat(redacted.attributes().path("masterUserPassword").asText()).isEqualTo("[REDACTED]");
    assertThat(redacted.attributes().path("endpoints").get(0).asText())
        .isEqualTo("https://admin:[REDACTED]@db.example.jp/");
    assertThat(redacted.tags())
        .containsEntry("lc-data-class", "c2")
        .containsEntry("api_token", "[REDACTED]");
    // the input is never changed in place
    assertThat(resource.attributes().path("masterUserPassword").asText()).isEqualTo("Hunter2-a");
  }

  @Test
  void normalizedAttributesRulesReadAreKept() {
    ObjectNode attributes = NODES.objectNode();
    attributes
        .putArray("credentials")
        .addObject()
        .put("kind", "password")
        .put("endAt", "2027-01-01T00:00:00Z");
    attributes.putObject("metadataOptions").put("httpTokens", "required");
    attributes.put("passwordLastUsedAt", "2026-10-01T00:00:00Z");
    attributes.putObject("passwordProtection").put("customBannedPasswordCount", 12);
    attributes.put("passwordEnabled", true);
    Resource resource =
        Resource.builder("azure", "azure.entra.application", "app-1")
            .attributes(attributes)
            .build();
    Inventory inventory = inventory(resource);

    // nothing to redact: the very same inventory comes back
    assertThat(InventoryRedaction.redact(inventory)).isSameAs(inventory);
  }

  @Test
  void priorStateAndGapDetailsAreRedactedToo() {
    ObjectNode before = NODES.objectNode().put("adminPassword", "Hunter2-g");
    Resource resource =
        Resource.builder("aws", "aws.s3.bucket", "b")
            .change(
                new ResourceChange(
                    List.of("update"),
                    new ResourceChange.Prior(
                        "ap-northeast-1", Map.of("secret", "Hunter2-h"), before)))
            .build();
    CoverageGap gap =
        new CoverageGap(
            "aws",
            "123456789012",
            "ap-northeast-1",
            "aws.s3.bucket",
            "s3",
            GapReason.values()[0],
            "denied for token=Hunter2-i");

    Inventory redacted =
        InventoryRedaction.redact(
            new Inventory(1, null, List.of(resource), List.of(gap), List.of()));

    assertThat(redacted.toString()).doesNotContain("Hunter2-g", "Hunter2-h", "Hunter2-i");
    assertThat(redacted.gaps().get(0).detail()).isEqualTo("denied for token=[REDACTED]");
  }

  private static Inventory inventory(Resource resource) {
    return new Inventory(1, null, List.of(resource), List.of(), List.of());
  }

  private static Resource only(Inventory inventory) {
    assertThat(inventory.resources()).hasSize(1);
    return inventory.resources().get(0);
  }
}
