package io.lcscan.cli;

import io.lcscan.engine.ScanResult;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Severity;
import io.lcscan.spi.Status;
import java.util.Optional;

/**
 * The exit codes of DESIGN.md. When several apply the highest-ranked wins: bad usage or input (2),
 * then an incomplete scan (3), then findings (1), so an incomplete scan never looks clean.
 */
public final class ExitCodes {

  /** Nothing at or above {@code --fail-on} failed, and the scan was complete. */
  public static final int CLEAN = 0;

  /** A FAIL finding at or above {@code --fail-on}. */
  public static final int FINDINGS = 1;

  /** Bad usage or input: unknown option, unreadable inventory, invalid configuration. */
  public static final int USAGE = 2;

  /**
   * The scan is incomplete: a coverage gap, or an ERROR finding (data missing or a rule that could
   * not be evaluated). Also used for an unexpected internal failure, whose result is unknown.
   */
  public static final int INCOMPLETE = 3;

  private ExitCodes() {}

  public static int of(ScanResult result, Optional<Severity> failOn) {
    if (!result.complete()
        || result.findings().stream().anyMatch(f -> f.status() == Status.ERROR)) {
      return INCOMPLETE;
    }
    if (failOn.isPresent()
        && result.findings().stream().anyMatch(finding -> fails(finding, failOn.get()))) {
      return FINDINGS;
    }
    return CLEAN;
  }

  private static boolean fails(Finding finding, Severity threshold) {
    return finding.status() == Status.FAIL
        && finding.severity() != null
        && finding.severity().atLeast(threshold);
  }
}
