package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;

/**
 * Where a command writes: stdout and stderr (captured in tests), and whether stdout is a terminal
 * that may receive ANSI colour.
 */
public record Terminal(PrintStream out, PrintStream err, boolean color) {
  public Terminal {
    requireNonNull(out, "out is null");
    requireNonNull(err, "err is null");
  }
}
