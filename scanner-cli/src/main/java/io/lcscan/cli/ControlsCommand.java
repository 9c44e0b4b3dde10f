package io.lcscan.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Its subcommands are registered by {@link CommandTree}, which builds only those a run needs. */
@Command(
    name = "controls",
    mixinStandardHelpOptions = true,
    description = "Lists the catalog's controls or shows one.")
public final class ControlsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command (list, show)");
  }
}
