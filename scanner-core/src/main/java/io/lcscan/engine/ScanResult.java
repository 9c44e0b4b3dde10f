package io.lcscan.engine;

import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Finding;
import io.lcscan.spi.ScanMetadata;
import io.lcscan.spi.Status;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine made of one inventory: {@code findings.json} in the evidence bundle.
 *
 * @param findings sorted by control, provider, account, region, resource type and resource id, so
 *     that evaluating the same inventory again gives the same file byte for byte
 * @param complete false when the inventory has coverage gaps (exit code 3)
 */
public record ScanResult(
    ScanMetadata metadata,
    List<Finding> findings,
    List<CoverageGap> gaps,
    boolean complete,
    String catalogVersion,
    String catalogDigest,
    Instant evaluatedAt) {

  public ScanResult {
    findings = List.copyOf(findings);
    gaps = gaps == null ? List.of() : List.copyOf(gaps);
  }

  /** Number of findings of each status, every status present, in the enum's order. */
  public Map<Status, Long> countsByStatus() {
    // counted in an array: boxing a Long per finding cost milliseconds in a short run
    Status[] statuses = Status.values();
    long[] byOrdinal = new long[statuses.length];
    for (Finding finding : findings) {
      byOrdinal[finding.status().ordinal()]++;
    }
    Map<Status, Long> counts = new EnumMap<>(Status.class);
    for (Status status : statuses) {
      counts.put(status, byOrdinal[status.ordinal()]);
    }
    return counts;
  }
}
