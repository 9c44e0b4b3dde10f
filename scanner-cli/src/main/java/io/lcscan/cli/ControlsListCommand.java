package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.lcscan.catalog.Catalog;
import io.lcscan.catalog.Control;
import io.lcscan.catalog.Framework;
import io.lcscan.report.text.TextTable;
import io.lcscan.spi.Phase;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the controls: id, phase, severity, title and clauses (†: unverified).")
public final class ControlsListCommand implements Callable<Integer> {

  private static final int TITLE_WIDTH = 60;

  @Mixin CommonOptions common;

  @Option(
      names = "--phase",
      paramLabel = "PHASE",
      description =
          "Only this lifecycle phase: adoption, build, operation, maintenance, renewal, disposal"
              + " (or 導入, 構築, 運用, 保守, 更改, 破棄).")
  String phase;

  @Option(
      names = "--framework",
      paramLabel = "FRAMEWORK",
      description =
          "Only controls citing a clause of this framework: unified-standards-2021,"
              + " iso27017, ismap.")
  String framework;

  private final ConfigReader configReader;
  private final Terminal terminal;

  @Inject
  public ControlsListCommand(ConfigReader configReader, Terminal terminal) {
    this.configReader = requireNonNull(configReader, "configReader is null");
    this.terminal = requireNonNull(terminal, "terminal is null");
  }

  @Override
  public Integer call() {
    String language = common.language();
    Optional<Phase> phaseFilter = Optional.ofNullable(phase).map(ControlsListCommand::parsePhase);
    Catalog catalog = configReader.load(common.configDirectory()).catalog();
    if (framework != null
        && catalog.frameworks().stream().noneMatch(f -> f.id().equals(framework))) {
      throw new UsageException(
          "unknown framework '"
              + framework
              + "' (known: "
              + catalog.frameworks().stream()
                  .map(Framework::id)
                  .sorted()
                  .collect(Collectors.joining(", "))
              + ")");
    }
    List<Control> controls =
        catalog.controls().stream()
            .filter(control -> phaseFilter.map(p -> control.phase() == p).orElse(true))
            .filter(
                control ->
                    framework == null
                        || control.clauses().stream()
                            .anyMatch(clause -> clause.framework().equals(framework)))
            .sorted(
                Comparator.comparing(
                        Control::phase, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Control::id))
            .toList();

    TextTable table =
        new TextTable("ID", "PHASE", "SEVERITY", "TITLE", "CLAUSES").maxWidth(3, TITLE_WIDTH);
    for (Control control : controls) {
      table.row(
          control.id(),
          phaseLabel(control.phase(), language),
          control.severity() == null ? "" : control.severity().label(),
          control.title().get(language),
          ClauseLabels.of(control.clauses()));
    }
    StringBuilder out = new StringBuilder(table.render());
    out.append('\n')
        .append(
            "ja".equals(language)
                ? controls.size() + " 件の管理策"
                : controls.size() + (controls.size() == 1 ? " control" : " controls"))
        .append('\n')
        .append(ClauseLabels.legend(language))
        .append('\n');
    terminal.out().print(out);
    terminal.out().flush();
    return ExitCodes.CLEAN;
  }

  static String phaseLabel(Phase phase, String language) {
    if (phase == null) {
      return "";
    }
    return "ja".equals(language) ? phase.japanese() : phase.name();
  }

  static Phase parsePhase(String value) {
    for (Phase candidate : Phase.values()) {
      if (candidate.japanese().equals(value.strip())) {
        return candidate;
      }
    }
    try {
      return Phase.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--phase must be one of adoption, build, operation, maintenance, renewal, disposal, not '"
              + value
              + "'");
    }
  }
}
