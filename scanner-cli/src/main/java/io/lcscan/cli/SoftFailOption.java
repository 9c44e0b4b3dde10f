package io.lcscan.cli;

import picocli.CommandLine.Option;

/** {@code --soft-fail}: for a CI step that must report without blocking the pipeline. */
public final class SoftFailOption {

  @Option(
      names = "--soft-fail",
      description =
          "Exit 0 whatever the findings and coverage gaps; the reports are written as usual. Bad"
              + " usage or input still exits 2.")
  boolean softFail;

  public boolean enabled() {
    return softFail;
  }
}
