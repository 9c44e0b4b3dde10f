package io.lcscan.catalog;

import io.lcscan.spi.Classification;
import io.lcscan.spi.Phase;
import io.lcscan.spi.Severity;
import java.util.List;
import java.util.Map;

/**
 * One lifecycle control as loaded from {@code config/controls/<phase>/<id>.yaml}.
 *
 * @param rules CEL source by resource type; empty for manual controls
 * @param manualTypes resource types that get one MANUAL finding each; empty means one per account
 * @param file the file it was loaded from, for messages
 */
public record Control(
    String id,
    Phase phase,
    Severity severity,
    Localized title,
    Classification minClassification,
    List<ClauseRef> clauses,
    Localized rationale,
    Localized remediation,
    List<String> evidence,
    Map<String, String> rules,
    boolean manual,
    Map<String, List<String>> evidenceToAttach,
    List<String> manualTypes,
    String file) {

  /** The resource types this control reads. */
  public java.util.Set<String> appliesTo() {
    return manual ? java.util.Set.copyOf(manualTypes) : rules.keySet();
  }
}
