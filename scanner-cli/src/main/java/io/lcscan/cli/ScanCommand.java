package io.lcscan.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Its subcommands are registered by {@link CommandTree}, which builds only those a run needs. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = "Scans a source and evaluates it against the catalog.")
public final class ScanCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing source (terraform, aws)");
  }
}
