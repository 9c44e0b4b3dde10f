package io.lcscan.cli;

import java.io.PrintStream;

/** Shows a running scan's counts on stderr: a bar on a terminal, plain lines otherwise. */
interface ProgressDisplay {

  /** How often {@link #show} is called. */
  long refreshMillis();

  /** The counts now; called from the refresh thread. */
  void show(ScanProgress.Snapshot snapshot);

  /** The scan ended: show the final counts and release the display. */
  void close(ScanProgress.Snapshot snapshot);

  /**
   * A bar when a person is watching ({@code System.console()} is there), lines that a log file or
   * CI output can keep otherwise.
   */
  static ProgressDisplay forStderr(PrintStream err, boolean terminal) {
    return terminal ? new ProgressBarDisplay(err) : new ProgressLines(err);
  }
}
