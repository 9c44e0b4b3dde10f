package io.lcscan.report.sarif;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.report.Renderer;
import io.lcscan.report.ReportFixtures;
import io.lcscan.report.ReportModel;
import io.lcscan.report.RichFixtures;
import io.lcscan.report.ToolInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming renderer writes exactly the bytes of the tree-based one it replaced. */
class TestSarifStreaming {

  private final SarifRenderer streaming = new SarifRenderer("0.1.0");
  private final LegacySarifRenderer legacy = new LegacySarifRenderer("0.1.0");

  @Test
  void sameBytesOnTheRichModel() throws IOException {
    for (String language : List.of("en", "ja")) {
      ReportModel model = RichFixtures.model(language);
      String expected = render(legacy, model);

      assertThat(render(streaming, model)).isEqualTo(expected);
      // the fixture reaches what it is meant to
      assertThat(expected)
          .contains("\"suppressions\"", "\"kind\": \"review\"", "\"toolExecutionNotifications\"")
          .contains("\"physicalLocation\"", "\"kind\": \"module\"", "\"kind\": \"namespace\"")
          .contains("\"b.decimal\": 1.50", "\"x.pojo\"", "\"waiver\": {", "日本語のリソース名");
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
  void theBuildVersionByDefault() throws IOException {
    ReportModel model = ReportFixtures.model("en");

    assertThat(render(new SarifRenderer(), model))
        .isEqualTo(render(new LegacySarifRenderer(ToolInfo.version()), model));
  }

  private static String render(Renderer renderer, ReportModel model) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    renderer.render(model, out);
    return out.toString(UTF_8);
  }
}
