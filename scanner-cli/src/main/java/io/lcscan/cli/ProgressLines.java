package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * Progress as plain lines on stderr for logs and CI: one line when the counts have changed and a
 * few seconds have passed, and a last line when the scan ends.
 */
final class ProgressLines implements ProgressDisplay {

  static final long PERIOD_MILLIS = 5_000;

  private final PrintStream err;
  private ScanProgress.Snapshot last;

  ProgressLines(PrintStream err) {
    this.err = requireNonNull(err, "err is null");
  }

  @Override
  public long refreshMillis() {
    return PERIOD_MILLIS;
  }

  @Override
  public synchronized void show(ScanProgress.Snapshot snapshot) {
    if (!snapshot.equals(last)) {
      last = snapshot;
      err.println(line(snapshot));
      err.flush();
    }
  }

  @Override
  public synchronized void close(ScanProgress.Snapshot snapshot) {
    err.println(line(snapshot));
    err.flush();
  }

  /** {@code lcscan: 12/40 account-region tasks, 3,412 resources, 2 gaps} */
  static String line(ScanProgress.Snapshot snapshot) {
    return "lcscan: "
        + snapshot.done()
        + "/"
        + snapshot.planned()
        + " account-region tasks, "
        + counts(snapshot);
  }

  /** {@code 3,412 resources, 2 gaps}, in the same words on a bar and in a line. */
  static String counts(ScanProgress.Snapshot snapshot) {
    NumberFormat number = NumberFormat.getIntegerInstance(Locale.ROOT);
    return number.format(snapshot.resources())
        + (snapshot.resources() == 1 ? " resource, " : " resources, ")
        + number.format(snapshot.gaps())
        + (snapshot.gaps() == 1 ? " gap" : " gaps");
  }
}
