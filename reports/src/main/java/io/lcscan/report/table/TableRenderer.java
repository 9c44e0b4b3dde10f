package io.lcscan.report.table;

import io.lcscan.engine.ScanResult;
import io.lcscan.report.Renderer;
import io.lcscan.report.ReportModel;
import io.lcscan.report.text.TextTable;
import io.lcscan.report.text.TextWidth;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Severity;
import io.lcscan.spi.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The console summary: counts by severity and status, then one row per finding that needs a look
 * (FAIL, ERROR, MANUAL, WAIVED), then the coverage gaps. NOT_APPLICABLE rows are counted, not
 * listed, since they would drown the actionable ones; the JSON report has them all.
 */
public final class TableRenderer implements Renderer {

  private static final int RESOURCE_WIDTH = 60;
  private static final int MESSAGE_WIDTH = 90;
  private static final List<Status> LISTED =
      List.of(Status.FAIL, Status.ERROR, Status.MANUAL, Status.WAIVED);

  // status as LISTED orders them, then the most severe first, no severity last; written out, as
  // Comparator.comparing's lambdas cost more than the sort on a cold start
  private static final Comparator<Finding> LISTED_ORDER =
      new Comparator<>() {
        @Override
        public int compare(Finding a, Finding b) {
          int c = Integer.compare(LISTED.indexOf(a.status()), LISTED.indexOf(b.status()));
          if (c != 0) {
            return c;
          }
          if (a.severity() == null || b.severity() == null) {
            return a.severity() == b.severity() ? 0 : a.severity() == null ? 1 : -1;
          }
          return b.severity().compareTo(a.severity());
        }
      };

  @Override
  public String format() {
    return "table";
  }

  @Override
  public String extension() {
    return "txt";
  }

  @Override
  public void render(ReportModel model, OutputStream out) throws IOException {
    out.write(text(model).getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  public String text(ReportModel model) {
    Labels labels = Labels.of(model.language());
    Styles styles = model.color() ? Styles.ANSI : Styles.PLAIN;
    ScanResult result = model.result();
    StringBuilder out = new StringBuilder();

    out.append("lcscan  ")
        .append(labels.catalog)
        .append(' ')
        .append(result.catalogVersion())
        .append(" (")
        .append(shortDigest(result.catalogDigest()))
        .append(")  ")
        .append(labels.evaluatedAt)
        .append(' ')
        .append(result.evaluatedAt())
        .append('\n');
    if (result.complete()) {
      out.append(labels.complete).append("\n\n");
    } else {
      out.append(styles.error.apply(labels.incomplete.formatted(result.gaps().size())))
          .append("\n\n");
    }

    out.append(counts(model, labels)).append('\n');

    List<Finding> listed = new ArrayList<>();
    for (Finding finding : model.findings()) {
      if (LISTED.contains(finding.status())) {
        listed.add(finding);
      }
    }
    listed.sort(LISTED_ORDER);
    if (listed.isEmpty()) {
      out.append(labels.nothingToList).append('\n');
    } else {
      TextTable table =
          new TextTable(
                  labels.status, labels.severity, labels.control, labels.resource, labels.message)
              .maxWidth(3, RESOURCE_WIDTH)
              .maxWidth(4, MESSAGE_WIDTH);
      for (Finding finding : listed) {
        table.row(
            List.of(
                finding.status().name(),
                finding.severity() == null ? "" : finding.severity().label(),
                finding.controlId(),
                TextWidth.truncateStart(resource(finding), RESOURCE_WIDTH),
                TextWidth.oneLine(finding.message())),
            List.of(
                styles.status(finding.status()),
                styles.severity(finding.severity()),
                UnaryOperator.identity(),
                UnaryOperator.identity(),
                UnaryOperator.identity()));
      }
      out.append(table.render());
    }
    long notApplicable = model.statusCounts()[Status.NOT_APPLICABLE.ordinal()];
    if (notApplicable > 0) {
      out.append(labels.notApplicableHidden.formatted(notApplicable)).append('\n');
    }

    if (!result.gaps().isEmpty()) {
      out.append('\n').append(labels.gaps).append('\n');
      TextTable gaps =
          new TextTable("PROVIDER", "ACCOUNT", "REGION", "TYPE", "REASON", "DETAIL")
              .maxWidth(5, MESSAGE_WIDTH);
      for (CoverageGap gap : result.gaps()) {
        gaps.row(
            gap.provider(),
            gap.account().isEmpty() ? "*" : gap.account(),
            gap.region(),
            gap.resourceType(),
            gap.reason().name(),
            gap.detail() == null ? "" : gap.detail());
      }
      out.append(gaps.render());
    }
    return out.toString();
  }

  private static String counts(ReportModel model, Labels labels) {
    long[][] matrix = new long[Severity.values().length][Status.values().length];
    for (Finding finding : model.result().findings()) {
      if (finding.severity() != null) {
        matrix[finding.severity().ordinal()][finding.status().ordinal()]++;
      }
    }
    List<String> header = new ArrayList<>();
    header.add(labels.severity);
    for (Status status : Status.values()) {
      header.add(status.name());
    }
    header.add(labels.total);
    TextTable table = new TextTable(header.toArray(String[]::new));
    for (int i = 1; i < header.size(); i++) {
      table.rightAligned(i);
    }
    Severity[] severities = Severity.values();
    for (int i = severities.length - 1; i >= 0; i--) {
      table.row(countRow(severities[i].label(), matrix[i]));
    }
    table.row(countRow(labels.total, model.statusCounts()));
    return table.render();
  }

  private static String[] countRow(String label, long[] counts) {
    List<String> cells = new ArrayList<>();
    cells.add(label);
    long total = 0;
    for (Status status : Status.values()) {
      long count = counts[status.ordinal()];
      total += count;
      cells.add(Long.toString(count));
    }
    cells.add(Long.toString(total));
    return cells.toArray(String[]::new);
  }

  private static String resource(Finding finding) {
    if (finding.resourceId() != null) {
      return finding.resourceId();
    }
    // per-account findings (manual controls, account-wide checks) have no resource id
    String account = finding.account() == null ? "" : finding.account();
    return (finding.provider() == null ? "" : finding.provider() + ":") + account;
  }

  private static String shortDigest(String digest) {
    if (digest == null) {
      return "no digest";
    }
    int colon = digest.indexOf(':');
    int end = Math.min(digest.length(), colon + 1 + 12);
    return digest.substring(0, end);
  }

  private record Styles(
      UnaryOperator<String> fail,
      UnaryOperator<String> error,
      UnaryOperator<String> attention,
      UnaryOperator<String> pass,
      UnaryOperator<String> critical) {

    static final Styles PLAIN =
        new Styles(
            UnaryOperator.identity(),
            UnaryOperator.identity(),
            UnaryOperator.identity(),
            UnaryOperator.identity(),
            UnaryOperator.identity());
    static final Styles ANSI =
        new Styles(ansi("31"), ansi("35"), ansi("33"), ansi("32"), ansi("1;31"));

    static UnaryOperator<String> ansi(String code) {
      return text -> text.isEmpty() ? text : "\u001b[" + code + "m" + text + "\u001b[0m";
    }

    UnaryOperator<String> status(Status status) {
      return switch (status) {
        case FAIL -> fail;
        case ERROR -> error;
        case MANUAL, WAIVED -> attention;
        case PASS -> pass;
        case NOT_APPLICABLE -> UnaryOperator.identity();
      };
    }

    UnaryOperator<String> severity(Severity severity) {
      if (severity == Severity.CRITICAL) {
        return critical;
      }
      return severity == Severity.HIGH ? fail : UnaryOperator.identity();
    }
  }

  private record Labels(
      String catalog,
      String evaluatedAt,
      String complete,
      String incomplete,
      String severity,
      String total,
      String status,
      String control,
      String resource,
      String message,
      String nothingToList,
      String notApplicableHidden,
      String gaps) {

    static Labels of(String language) {
      if ("ja".equals(language)) {
        return new Labels(
            "カタログ",
            "評価日時",
            "スキャン: 完了（カバレッジの欠落なし）",
            "スキャン: 不完全 — カバレッジの欠落 %d 件。該当する種別の判定は ERROR です",
            "重大度",
            "合計",
            "状態",
            "管理策",
            "リソース",
            "メッセージ",
            "FAIL・ERROR・MANUAL・WAIVED の判定はありません。",
            "（NOT_APPLICABLE %d 件は一覧に含めていません）",
            "カバレッジの欠落:");
      }
      return new Labels(
          "catalog",
          "evaluated",
          "Scan: complete (no coverage gaps)",
          "Scan: INCOMPLETE, %d coverage gap(s); findings of those types are ERROR",
          "SEVERITY",
          "TOTAL",
          "STATUS",
          "CONTROL",
          "RESOURCE",
          "MESSAGE",
          "No FAIL, ERROR, MANUAL or WAIVED findings.",
          "(%d NOT_APPLICABLE findings not listed)",
          "Coverage gaps:");
    }
  }
}
