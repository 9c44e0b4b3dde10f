package io.lcscan.report.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lcscan.engine.ScanResult;
import io.lcscan.report.ReportFixtures;
import io.lcscan.report.ReportModel;
import io.lcscan.report.RichFixtures;
import io.lcscan.report.text.TextWidth;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestTableRenderer {

  private final TableRenderer renderer = new TableRenderer();

  @Test
  void countsThenActionableFindingsThenGaps() {
    String text = renderer.text(ReportFixtures.model("en"));

    assertThat(text)
        .startsWith("lcscan  catalog 2026.11.0 (ab12cd34ef56)  evaluated 2026-11-26T00:00:00Z\n")
        .contains("Scan: INCOMPLETE, 1 coverage gap(s)")
        .contains("SEVERITY  PASS  FAIL  ERROR  NOT_APPLICABLE  WAIVED  MANUAL  TOTAL\n")
        .contains("critical     0     1      0               1       0       0      2\n")
        .contains("TOTAL        1     2      1               1       0       0      5\n")
        .contains("(1 NOT_APPLICABLE findings not listed)")
        .contains("Coverage gaps:", "kms:ListKeys AccessDenied")
        .doesNotContain("arn:aws:s3:::records");
    List<String> rows = text.lines().filter(line -> line.matches("^(FAIL|ERROR) .*")).toList();
    // FAIL before ERROR, critical before high
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).startsWith("FAIL    critical  LC-DISP-02");
    assertThat(rows.get(1)).startsWith("FAIL    high      LC-BUILD-01  arn:aws:s3:::public-site");
    assertThat(rows.get(2)).startsWith("ERROR   high      LC-BUILD-01  arn:aws:s3:::unknown");
  }

  @Test
  void longResourceIdsKeepTheirEnd() {
    String text = renderer.text(ReportFixtures.model("en"));

    assertThat(text).contains("…ast-1:123456789012:key/1111aaaa-1111-1111-1111-111111111111");
  }

  @Test
  void japaneseLabelsStayAligned() {
    String text = renderer.text(ReportFixtures.model("ja"));

    assertThat(text).contains("スキャン: 不完全", "重大度", "合計", "カバレッジの欠落:");
    List<String> header = text.lines().filter(line -> line.startsWith("状態")).toList();
    assertThat(header).hasSize(1);
    List<String> fail = text.lines().filter(line -> line.matches("^FAIL +critical.*")).toList();
    // the CONTROL column starts at the same terminal column in the header and the rows
    int headerColumn = TextWidth.of(header.get(0).substring(0, header.get(0).indexOf("管理策")));
    int rowColumn = TextWidth.of(fail.get(0).substring(0, fail.get(0).indexOf("LC-DISP-02")));
    assertThat(rowColumn).isEqualTo(headerColumn);
  }

  @Test
  void colourOnlyWhenAsked() {
    ReportModel plain = ReportFixtures.model("en");
    ReportModel colour = new ReportModel(plain.result(), plain.catalog(), "en", true);

    assertThat(renderer.text(plain)).doesNotContain("\u001b[");
    assertThat(renderer.text(colour)).contains("\u001b[31mFAIL\u001b[0m");
  }

  @Test
  void sameTextAsTheMapAndStreamVersion() {
    LegacyTableRenderer legacy = new LegacyTableRenderer();
    for (String language : List.of("en", "ja")) {
      for (boolean color : List.of(false, true)) {
        ReportModel rich = RichFixtures.model(language);
        // a finding without a control cannot be a table row, in either version
        assertThatThrownBy(() -> legacy.text(rich)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> renderer.text(rich)).isInstanceOf(NullPointerException.class);
        ScanResult all = rich.result();
        ScanResult result =
            new ScanResult(
                all.metadata(),
                all.findings().stream().filter(f -> f.controlId() != null).toList(),
                all.gaps(),
                all.complete(),
                all.catalogVersion(),
                all.catalogDigest(),
                all.evaluatedAt());
        ReportModel model =
            new ReportModel(result, rich.catalog(), language, color, rich.locations());
        String expected = legacy.text(model);

        assertThat(renderer.text(model)).isEqualTo(expected);
        assertThat(expected).contains("WAIVED", "MANUAL", "日本語のリソース名");
      }
    }
    assertThat(renderer.text(ReportFixtures.modelWithEveryStatus("en")))
        .isEqualTo(legacy.text(ReportFixtures.modelWithEveryStatus("en")));
  }

  @Test
  void oneLineAsTheRegexDidIt() {
    for (String text : RichFixtures.HOSTILE) {
      assertThat(TextWidth.oneLine(text)).isEqualTo(text.replaceAll("[\\r\\n\\t]+", " ").strip());
    }
    assertThat(TextWidth.oneLine("\t a\r\n\n\tb \n")).isEqualTo("a b");
  }
}
