package io.lcscan.report.csv;

import io.lcscan.report.Renderer;
import io.lcscan.report.ReportModel;
import io.lcscan.spi.Finding;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One row per finding for spreadsheets: UTF-8 with a byte order mark (without it Excel reads
 * Japanese as Shift_JIS), RFC 4180 quoting and CRLF line ends. Cells that a spreadsheet would read
 * as a formula are neutralised, since resource names, tags and messages come from the scanned
 * account and may be hostile.
 */
public final class CsvRenderer implements Renderer {

  static final List<String> HEADER =
      List.of(
          "status",
          "severity",
          "phase",
          "control id",
          "control title",
          "provider",
          "account",
          "region",
          "resource type",
          "resource id",
          "resource name",
          "classification",
          "message",
          "waiver");

  private static final String BOM = "\uFEFF";
  private static final String CRLF = "\r\n";

  @Override
  public String format() {
    return "csv";
  }

  @Override
  public void render(ReportModel model, OutputStream out) throws IOException {
    // not closed: the caller owns the stream
    Writer writer =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    writer.write(BOM);
    writeRow(writer, HEADER);
    for (Finding finding : model.findings()) {
      writeRow(writer, row(model, finding));
    }
    writer.flush();
  }

  private static List<String> row(ReportModel model, Finding finding) {
    List<String> cells = new ArrayList<>(HEADER.size());
    cells.add(finding.status() == null ? "" : finding.status().name());
    cells.add(finding.severity() == null ? "" : finding.severity().label());
    cells.add(finding.phase() == null ? "" : finding.phase().name());
    cells.add(finding.controlId());
    cells.add(model.title(finding.controlId()));
    cells.add(finding.provider());
    cells.add(finding.account());
    cells.add(finding.region());
    cells.add(finding.resourceType());
    cells.add(finding.resourceId());
    cells.add(finding.resourceName());
    cells.add(finding.classification() == null ? "" : finding.classification().name());
    cells.add(finding.message());
    cells.add(waiver(finding.waiver()));
    return cells;
  }

  static String waiver(Finding.WaiverRef waiver) {
    if (waiver == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    text.append(nullToEmpty(waiver.id()));
    if (waiver.lapsed()) {
      text.append(" LAPSED");
    }
    text.append(" (ticket ")
        .append(nullToEmpty(waiver.ticket()))
        .append(", approver ")
        .append(nullToEmpty(waiver.approver()))
        .append(", expires ")
        .append(nullToEmpty(waiver.expires()))
        .append(')');
    return text.toString();
  }

  private static void writeRow(Writer writer, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        writer.write(',');
      }
      writer.write(cell(cells.get(i)));
    }
    writer.write(CRLF);
  }

  /** A neutralised, quoted-when-needed cell. */
  static String cell(String value) {
    String text = neutralise(nullToEmpty(value));
    boolean quote =
        text.indexOf('"') >= 0
            || text.indexOf(',') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0;
    if (!quote) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  /**
   * Prefixes a single quote to a cell a spreadsheet would evaluate (OWASP CSV injection): the quote
   * makes Excel and LibreOffice treat it as text.
   */
  static String neutralise(String text) {
    if (text.isEmpty()) {
      return text;
    }
    return switch (text.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
      default -> text;
    };
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
