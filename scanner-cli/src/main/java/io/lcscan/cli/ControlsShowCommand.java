package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.lcscan.catalog.Catalog;
import io.lcscan.catalog.ClauseRef;
import io.lcscan.catalog.Control;
import io.lcscan.catalog.Localized;
import io.lcscan.report.text.TextTable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Shows one control: titles, phase, severity, clauses, rationale, remediation, evidence and"
            + " its rules (or, for a manual control, the evidence to attach).")
public final class ControlsShowCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Parameters(paramLabel = "ID", description = "The control id, for example LC-DISP-02.")
  String id;

  private final ConfigReader configReader;
  private final Terminal terminal;

  @Inject
  public ControlsShowCommand(ConfigReader configReader, Terminal terminal) {
    this.configReader = requireNonNull(configReader, "configReader is null");
    this.terminal = requireNonNull(terminal, "terminal is null");
  }

  @Override
  public Integer call() {
    String language = common.language();
    Catalog catalog = configReader.load(common.configDirectory()).catalog();
    Control control =
        catalog
            .control(id.strip().toUpperCase(Locale.ROOT))
            .orElseThrow(
                () ->
                    new UsageException(
                        "unknown control '" + id + "' (see 'lcscan controls list')"));
    terminal.out().print(describe(control, language));
    terminal.out().flush();
    return ExitCodes.CLEAN;
  }

  static String describe(Control control, String language) {
    boolean ja = "ja".equals(language);
    StringBuilder out = new StringBuilder();
    out.append(control.id()).append("  ").append(text(control.title(), "en")).append('\n');
    if (control.title() != null
        && control.title().ja() != null
        && !control.title().ja().isBlank()) {
      out.append(" ".repeat(control.id().length() + 2)).append(control.title().ja()).append('\n');
    }
    out.append('\n');
    field(
        out,
        ja ? "フェーズ" : "Phase",
        control.phase() == null
            ? ""
            : control.phase().name() + " (" + control.phase().japanese() + ")");
    field(
        out, ja ? "重大度" : "Severity", control.severity() == null ? "" : control.severity().label());
    field(
        out,
        ja ? "最低格付" : "Min. classification",
        control.minClassification() == null
            ? (ja ? "なし（すべての格付に適用）" : "none (applies to every class)")
            : control.minClassification()
                + (ja ? "（これ未満は NOT_APPLICABLE）" : " (below it: NOT_APPLICABLE)"));
    field(
        out,
        ja ? "種別" : "Kind",
        control.manual() ? "MANUAL" : (ja ? "自動（CEL ルール）" : "automated (CEL rules)"));
    if (control.file() != null) {
      field(out, ja ? "ファイル" : "File", control.file());
    }

    out.append('\n').append(ja ? "条項:" : "Clauses:").append('\n');
    TextTable clauses =
        new TextTable(
            ja ? "フレームワーク" : "FRAMEWORK", "REF", ja ? "確認" : "VERIFIED", ja ? "表題" : "TITLE");
    for (ClauseRef clause : control.clauses()) {
      clauses.row(
          clause.framework(),
          clause.ref() + (clause.verified() ? "" : ClauseLabels.UNVERIFIED),
          clause.verified() ? (ja ? "済" : "yes") : (ja ? "未確認" : "no (unverified)"),
          text(clause.title(), language));
    }
    indent(out, clauses.render());

    section(out, ja ? "根拠" : "Rationale", text(control.rationale(), language));
    section(out, ja ? "是正" : "Remediation", text(control.remediation(), language));

    out.append('\n').append(ja ? "証跡:" : "Evidence:").append('\n');
    for (Localized item : control.evidence()) {
      out.append("  - ").append(text(item, language)).append('\n');
    }

    if (control.manual()) {
      out.append('\n')
          .append(ja ? "添付する証跡（手動確認）:" : "Evidence to attach (manual control):")
          .append('\n');
      Map<String, List<String>> attach = control.evidenceToAttach();
      List<String> items = attach.getOrDefault(language, attach.getOrDefault("en", List.of()));
      for (String item : items) {
        out.append("  - ").append(item).append('\n');
      }
      out.append('\n');
      if (control.manualTypes().isEmpty()) {
        out.append(
            ja
                ? "スキャンしたアカウントごとに MANUAL の判定を 1 件出します。\n"
                : "One MANUAL finding per scanned account.\n");
      } else {
        out.append(ja ? "MANUAL の判定を出す種別: " : "One MANUAL finding per resource of: ")
            .append(String.join(", ", control.manualTypes()))
            .append('\n');
      }
    } else {
      out.append('\n').append(ja ? "ルール（種別ごと）:" : "Rules (one per resource type):").append('\n');
      control.rules().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              rule -> {
                out.append("  ").append(rule.getKey()).append(":\n");
                for (String line : rule.getValue().strip().split("\n")) {
                  out.append("    ").append(line.stripTrailing()).append('\n');
                }
              });
    }
    return out.toString();
  }

  private static void field(StringBuilder out, String label, String value) {
    out.append(label).append(": ").append(value).append('\n');
  }

  private static void section(StringBuilder out, String label, String value) {
    out.append('\n').append(label).append(":\n");
    indent(out, value.strip() + "\n");
  }

  private static void indent(StringBuilder out, String block) {
    for (String line : block.split("\n", -1)) {
      if (!line.isEmpty()) {
        out.append("  ").append(line).append('\n');
      }
    }
  }

  private static String text(Localized localized, String language) {
    return localized == null || localized.get(language) == null ? "" : localized.get(language);
  }
}
