package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.spi.CallOutcome;
import io.lcscan.spi.CallRecord;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** inventory.json and calls.jsonl do not depend on the order collections happen to iterate in. */
class TestInventoryJson {

  @Test
  void setsAndMapsAreWrittenSorted() {
    List<String> paths =
        IntStream.range(0, 40).mapToObj(i -> "attribute" + (char) ('a' + i % 26) + i).toList();
    Map<String, String> tags = new TreeMap<>();
    paths.forEach(path -> tags.put("tag-" + path, "v"));
    Resource resource =
        new Resource(
            "aws",
            "1",
            "r",
            "aws.s3.bucket",
            "b",
            null,
            tags,
            null,
            null,
            List.of(),
            Set.copyOf(paths),
            null);

    String json =
        new String(
            InventoryJson.inventory(
                new Inventory(1, null, List.of(resource), List.of(), List.of())),
            UTF_8);

    List<String> sorted = paths.stream().sorted().toList();
    int previous = -1;
    for (String path : sorted) {
      int at = json.indexOf("\"" + path + "\"");
      assertThat(at).as(path).isGreaterThan(previous);
      previous = at;
    }
    assertThat(json.indexOf("\"tag-attributea0\"")).isLessThan(json.indexOf("\"tag-attributeb1\""));
    // and it reads back to the same inventory
    Inventory read = new InventoryReader().read(json.getBytes(UTF_8), Path.of("inventory.json"));
    assertThat(read.resources()).containsExactly(resource);
  }

  @Test
  void callsAreOneCompactLineEach() {
    CallRecord call =
        new CallRecord(
            "aws",
            "s3",
            "ListBuckets",
            "123456789012",
            "us-east-1",
            Instant.parse("2026-11-25T15:00:01.250Z"),
            120,
            "REQ1",
            CallOutcome.values()[0],
            200,
            1,
            null);

    String lines = new String(InventoryJson.calls(List.of(call, call)), UTF_8);

    assertThat(lines.lines()).hasSize(2);
    assertThat(lines).endsWith("}\n").doesNotContain("errorCode");
    assertThat(lines.lines().findFirst().orElseThrow())
        .startsWith("{\"provider\":\"aws\",\"service\":\"s3\",\"operation\":\"ListBuckets\",")
        .contains("\"time\":\"2026-11-25T15:00:01.250Z\"");
  }
}
