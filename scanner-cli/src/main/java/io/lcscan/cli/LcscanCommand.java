package io.lcscan.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** Its subcommands are registered by {@link CommandTree}, which builds only those a run needs. */
@Command(
    name = "lcscan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks cloud configuration against lifecycle security controls"
          + " (Unified Standards 2021, ISO/IEC 27017, ISMAP) and produces audit evidence.",
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  clean: complete scan, no FAIL at or above --fail-on",
      "  1  a FAIL finding at or above --fail-on",
      "  2  bad usage or input",
      "  3  scan incomplete: coverage gaps or ERROR findings (missing data is never a PASS)",
      "When several apply: 2, then 3, then 1.",
    })
public final class LcscanCommand implements Runnable {

  @Spec CommandSpec spec;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Show stack traces of errors.")
  boolean debug;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command (controls, evaluate, scan)");
  }
}
