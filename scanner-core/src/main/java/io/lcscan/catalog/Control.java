package io.lcscan.catalog;

import io.lcscan.spi.Classification;
import io.lcscan.spi.Phase;
import io.lcscan.spi.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One lifecycle control as loaded from {@code config/controls/<phase>/<id>.yaml}.
 *
 * @param minClassification below it the control is NOT_APPLICABLE; null applies to every class
 * @param evidence what proves the control to an auditor
 * @param rules CEL source by resource type, in file order; empty for manual controls
 * @param evidenceToAttach for manual controls: what the auditor attaches, by language
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
    List<Localized> evidence,
    Map<String, String> rules,
    boolean manual,
    Map<String, List<String>> evidenceToAttach,
    List<String> manualTypes,
    String file) {

  public Control {
    clauses = List.copyOf(clauses);
    evidence = List.copyOf(evidence);
    rules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rules));
    evidenceToAttach = Map.copyOf(evidenceToAttach);
    manualTypes = List.copyOf(manualTypes);
  }

  /** The resource types this control reads. */
  public Set<String> appliesTo() {
    return manual ? Set.copyOf(manualTypes) : rules.keySet();
  }
}
