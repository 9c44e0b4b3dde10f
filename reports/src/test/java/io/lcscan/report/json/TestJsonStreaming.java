package io.lcscan.report.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lcscan.report.Renderer;
import io.lcscan.report.ReportFixtures;
import io.lcscan.report.ReportModel;
import io.lcscan.report.RichFixtures;
import io.lcscan.spi.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming renderer writes exactly the bytes of the tree-based one it replaced. */
class TestJsonStreaming {

  private final JsonRenderer streaming = new JsonRenderer();
  private final LegacyJsonRenderer legacy = new LegacyJsonRenderer();

  @Test
  void sameBytesOnTheRichModel() throws IOException {
    for (String language : List.of("en", "ja")) {
      ReportModel model = RichFixtures.model(language);
      String expected = render(legacy, model);

      assertThat(render(streaming, model)).isEqualTo(expected);
      // the fixture reaches what it is meant to
      assertThat(expected)
          .contains("\"WAIVED\"", "\"MANUAL\"", "\"lapsed\": true", "\"approver\": null")
          .contains("日本語のリソース名", "\\u0000", "\"endpointOverride\"", "\"LC-UNKNOWN-99\"")
          .contains("\"b.decimal\": 1.5", "\"x.binary\"", "\"x.pojo-time\": \"2026-01-02T03")
          .contains(
              "\"metadata\": {", "\"evaluatedAt\": null", "\"rationale\": null", "\"en\": null");
    }
  }

  @Test
  void sameBytesWhenTheSecondHalfOfTheFindingsIsWrittenOnAnotherThread() throws IOException {
    for (ReportModel model :
        List.of(
            RichFixtures.model("en"),
            RichFixtures.model("ja"),
            ReportFixtures.modelWithEveryStatus("ja"))) {
      assertThat(model.findings().size()).isGreaterThanOrEqualTo(2);
      String expected = render(legacy, model);
      for (int splitMinimum : new int[] {2, 3, model.findings().size()}) {
        assertThat(render(new JsonRenderer(splitMinimum), model))
            .as("split from %d findings", splitMinimum)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void sameBytesOnTheSmallModels() throws IOException {
    for (ReportModel model :
        List.of(
            ReportFixtures.model("en"),
            ReportFixtures.modelWithEveryStatus("ja"),
            RichFixtures.bare("en"),
            RichFixtures.reverseSortedEvidence())) {
      assertThat(render(streaming, model)).isEqualTo(render(legacy, model));
    }
  }

  @Test
  void everyKindOfNodeAsTheTreeWroteIt() throws IOException {
    Map<String, JsonNode> nodes = RichFixtures.everyNode();
    for (Map.Entry<String, JsonNode> entry : nodes.entrySet()) {
      ReportModel model = withEvidence(Map.of(entry.getKey(), entry.getValue()));
      assertThat(render(streaming, model)).as(entry.getKey()).isEqualTo(render(legacy, model));
    }
  }

  @Test
  void compactIsToString() {
    for (JsonNode node : RichFixtures.everyNode().values()) {
      String expected;
      try {
        expected = node.toString();
      } catch (RuntimeException e) {
        // a java.time value in a POJO node: toString cannot write it, nor can compact
        assertThatThrownBy(() -> ReportJson.compact(node)).isInstanceOf(e.getClass());
        continue;
      }
      assertThat(ReportJson.compact(node)).isEqualTo(expected);
    }
    for (JsonNode node : RichFixtures.plainNodes().values()) {
      assertThat(ReportJson.compact(node)).isEqualTo(node.toString());
    }
  }

  @Test
  void loneSurrogatesAsTheTreeWroteThem() throws IOException {
    ReportModel model =
        withEvidence(
            Map.of("bad\uDC00", TextNode.valueOf("x\uD800y"), "end", TextNode.valueOf("\uD83D")));

    assertThat(render(streaming, model)).isEqualTo(render(legacy, model));
  }

  private static ReportModel withEvidence(Map<String, JsonNode> evidence) {
    ReportModel small = ReportFixtures.model("en");
    Finding first = small.result().findings().get(0);
    Finding finding =
        new Finding(
            first.controlId(),
            first.status(),
            first.severity(),
            first.phase(),
            first.provider(),
            first.account(),
            first.region(),
            first.resourceType(),
            first.resourceId(),
            first.resourceName(),
            first.classification(),
            first.message(),
            evidence,
            null);
    return ReportModel.of(
        new io.lcscan.engine.ScanResult(
            small.result().metadata(),
            List.of(finding),
            List.of(),
            true,
            "v",
            "d",
            small.result().evaluatedAt()),
        small.catalog(),
        "en");
  }

  static String render(Renderer renderer, ReportModel model) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    renderer.render(model, out);
    return out.toString(UTF_8);
  }
}
