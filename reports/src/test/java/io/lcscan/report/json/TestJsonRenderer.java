package io.lcscan.report.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lcscan.report.ReportFixtures;
import io.lcscan.report.ReportModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TestJsonRenderer {

  private static final String GOLDEN = "golden-small.json";

  private final JsonRenderer renderer = new JsonRenderer();

  @Test
  void matchesGoldenFile() throws IOException {
    String actual = render(ReportFixtures.model("en"));

    // -Dlc.updateGolden=true rewrites the golden file after an intended change
    if (Boolean.getBoolean("lc.updateGolden")) {
      Path file = Path.of("src/test/resources/io/lcscan/report/json", GOLDEN);
      Files.writeString(file, actual, UTF_8);
    }
    assertThat(actual).isEqualTo(golden());
  }

  @Test
  void deterministicWhateverTheFindingOrder() throws IOException {
    assertThat(render(ReportFixtures.model("en"))).isEqualTo(render(ReportFixtures.model("en")));
  }

  @Test
  void countsMatchTheResult() throws IOException {
    ReportModel model = ReportFixtures.model("en");

    JsonNode tree = new ObjectMapper().readTree(render(model));

    model
        .result()
        .countsByStatus()
        .forEach(
            (status, count) ->
                assertThat(tree.path("summary").path("byStatus").path(status.name()).asLong())
                    .isEqualTo(count));
    assertThat(tree.path("findings")).hasSize(model.result().findings().size());
    assertThat(tree.path("gaps")).hasSize(1);
  }

  @Test
  void titlesInTheReportLanguage() throws IOException {
    JsonNode tree = new ObjectMapper().readTree(render(ReportFixtures.model("ja")));

    assertThat(tree.path("findings").get(0).path("controlTitle").asText())
        .isEqualTo("保存データが既定で暗号化されている");
    assertThat(tree.path("language").asText()).isEqualTo("ja");
  }

  private String render(ReportModel model) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    renderer.render(model, out);
    return out.toString(UTF_8);
  }

  private static String golden() throws IOException {
    try (InputStream in = TestJsonRenderer.class.getResourceAsStream(GOLDEN)) {
      assertThat(in).as("golden file " + GOLDEN).isNotNull();
      return new String(in.readAllBytes(), UTF_8);
    }
  }
}
