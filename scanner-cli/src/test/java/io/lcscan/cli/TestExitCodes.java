package io.lcscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.engine.ScanResult;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Finding;
import io.lcscan.spi.GapReason;
import io.lcscan.spi.Phase;
import io.lcscan.spi.Severity;
import io.lcscan.spi.Status;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestExitCodes {

  private static final CoverageGap GAP =
      new CoverageGap(
          "aws", "1", "ap-northeast-1", "aws.kms.key", "kms", GapReason.THROTTLED, null);

  @Test
  void cleanWithoutFailOnWhateverFails() {
    ScanResult result = result(List.of(finding(Status.FAIL, Severity.CRITICAL)), List.of());

    assertThat(ExitCodes.of(result, Optional.empty())).isEqualTo(ExitCodes.CLEAN);
  }

  @Test
  void failAtOrAboveThreshold() {
    ScanResult result = result(List.of(finding(Status.FAIL, Severity.HIGH)), List.of());

    assertThat(ExitCodes.of(result, Optional.of(Severity.HIGH))).isEqualTo(ExitCodes.FINDINGS);
    assertThat(ExitCodes.of(result, Optional.of(Severity.MEDIUM))).isEqualTo(ExitCodes.FINDINGS);
    assertThat(ExitCodes.of(result, Optional.of(Severity.CRITICAL))).isEqualTo(ExitCodes.CLEAN);
  }

  @Test
  void onlyFailCounts() {
    ScanResult result =
        result(
            List.of(
                finding(Status.MANUAL, Severity.CRITICAL),
                finding(Status.WAIVED, Severity.CRITICAL),
                finding(Status.NOT_APPLICABLE, Severity.CRITICAL)),
            List.of());

    assertThat(ExitCodes.of(result, Optional.of(Severity.LOW))).isEqualTo(ExitCodes.CLEAN);
  }

  @Test
  void incompleteOutranksFindings() {
    ScanResult gaps = result(List.of(finding(Status.FAIL, Severity.CRITICAL)), List.of(GAP));
    ScanResult error =
        result(
            List.of(finding(Status.FAIL, Severity.CRITICAL), finding(Status.ERROR, Severity.LOW)),
            List.of());

    assertThat(ExitCodes.of(gaps, Optional.of(Severity.LOW))).isEqualTo(ExitCodes.INCOMPLETE);
    assertThat(ExitCodes.of(error, Optional.of(Severity.LOW))).isEqualTo(ExitCodes.INCOMPLETE);
    assertThat(ExitCodes.of(error, Optional.empty())).isEqualTo(ExitCodes.INCOMPLETE);
  }

  private static ScanResult result(List<Finding> findings, List<CoverageGap> gaps) {
    return new ScanResult(
        null, findings, gaps, gaps.isEmpty(), "test", "00", Instant.parse("2026-11-26T00:00:00Z"));
  }

  private static Finding finding(Status status, Severity severity) {
    return new Finding(
        "LC-BUILD-01",
        status,
        severity,
        Phase.BUILD,
        "aws",
        "1",
        "ap-northeast-1",
        "aws.s3.bucket",
        "arn:aws:s3:::b",
        "b",
        null,
        "m",
        null,
        null);
  }
}
