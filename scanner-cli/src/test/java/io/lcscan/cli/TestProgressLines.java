package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The plain progress lines a scan writes to stderr when no terminal is watching. */
class TestProgressLines {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ProgressLines lines = new ProgressLines(new PrintStream(err, true, UTF_8));

  @Test
  void countsAreGroupedAndNamed() {
    assertThat(ProgressLines.line(new ScanProgress.Snapshot(12, 40, 3412, 2, 900)))
        .isEqualTo("lcscan: 12/40 account-region tasks, 3,412 resources, 2 gaps");
    assertThat(ProgressLines.line(new ScanProgress.Snapshot(1, 1, 1, 1, 3)))
        .isEqualTo("lcscan: 1/1 account-region tasks, 1 resource, 1 gap");
  }

  @Test
  void anUnchangedSnapshotIsNotRepeated() {
    ScanProgress.Snapshot snapshot = new ScanProgress.Snapshot(0, 4, 0, 0, 1);
    lines.show(snapshot);
    lines.show(snapshot);
    lines.show(new ScanProgress.Snapshot(1, 4, 10, 0, 5));

    assertThat(err.toString(UTF_8))
        .isEqualTo(
            "lcscan: 0/4 account-region tasks, 0 resources, 0 gaps\n"
                + "lcscan: 1/4 account-region tasks, 10 resources, 0 gaps\n");
  }

  @Test
  void theLastLineIsAlwaysWritten() {
    ScanProgress.Snapshot snapshot = new ScanProgress.Snapshot(4, 4, 10, 0, 5);
    lines.show(snapshot);
    lines.close(snapshot);

    assertThat(err.toString(UTF_8).lines()).hasSize(2);
  }

  @Test
  void theSinkCountsWhatItKeeps() {
    ProgressLines quiet = new ProgressLines(new PrintStream(err, true, UTF_8));
    try (ScanProgress progress = new ScanProgress(quiet)) {
      progress.planned(3);
      progress.finished(1);
      progress.gap(
          new io.lcscan.spi.CoverageGap(
              "aws",
              "123456789012",
              "us-east-1",
              "aws.kms.key",
              "kms",
              io.lcscan.spi.GapReason.ACCESS_DENIED,
              "denied"));

      assertThat(progress.snapshot()).isEqualTo(new ScanProgress.Snapshot(1, 3, 0, 1, 0));
      assertThat(progress.collected().gaps()).hasSize(1);
    }
    assertThat(err.toString(UTF_8))
        .endsWith("lcscan: 1/3 account-region tasks, 0 resources, 1 gap\n");
  }
}
