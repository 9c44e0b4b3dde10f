package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar of account-region tasks on a terminal's stderr, with the counts beside it. */
final class ProgressBarDisplay implements ProgressDisplay {

  private final PrintStream err;
  private ProgressBar bar;

  ProgressBarDisplay(PrintStream err) {
    this.err = requireNonNull(err, "err is null");
  }

  @Override
  public long refreshMillis() {
    return 200;
  }

  @Override
  public synchronized void show(ScanProgress.Snapshot snapshot) {
    if (bar == null) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("lcscan")
              .setInitialMax(Math.max(snapshot.planned(), 1))
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis((int) refreshMillis())
              .setConsumer(new ConsoleProgressBarConsumer(err))
              .build();
    }
    bar.maxHint(Math.max(snapshot.planned(), 1));
    bar.stepTo(snapshot.done());
    bar.setExtraMessage(ProgressLines.counts(snapshot));
  }

  @Override
  public synchronized void close(ScanProgress.Snapshot snapshot) {
    show(snapshot);
    bar.close();
    // the bar leaves its last state on screen; the line says what it counted, in words
    err.println(ProgressLines.line(snapshot));
    err.flush();
  }
}
