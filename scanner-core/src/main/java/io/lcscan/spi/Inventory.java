package io.lcscan.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Everything one scan collected: the input of the engine, and {@code inventory.json} in the
 * evidence bundle. {@code lcscan evaluate} reads the same file back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Inventory(
    int schemaVersion,
    ScanMetadata metadata,
    List<Resource> resources,
    List<CoverageGap> gaps,
    List<CallRecord> calls) {

  public static final int SCHEMA_VERSION = 1;

  public Inventory {
    resources = resources == null ? List.of() : List.copyOf(resources);
    gaps = gaps == null ? List.of() : List.copyOf(gaps);
    calls = calls == null ? List.of() : List.copyOf(calls);
  }

  public boolean complete() {
    return gaps.isEmpty();
  }
}
