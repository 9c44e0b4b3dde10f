package io.lcscan.cli;

import io.lcscan.spi.CallRecord;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import io.lcscan.spi.ScanMetadata;
import io.lcscan.spi.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns what the AWS provider collected into the inventory the engine evaluates. */
final class AwsInventory {

  static final String KIND = "aws";

  // collectors run concurrently; sorting makes inventory.json the same for the same account
  private static final Comparator<Resource> RESOURCE_ORDER =
      Comparator.comparing(Resource::account)
          .thenComparing(Resource::region)
          .thenComparing(Resource::type)
          .thenComparing(Resource::id);

  private static final Comparator<CoverageGap> GAP_ORDER =
      Comparator.comparing((CoverageGap gap) -> String.valueOf(gap.account()))
          .thenComparing(gap -> String.valueOf(gap.region()))
          .thenComparing(gap -> String.valueOf(gap.resourceType()))
          .thenComparing(gap -> String.valueOf(gap.detail()));

  private static final Comparator<CallRecord> CALL_ORDER =
      Comparator.comparing(CallRecord::time, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(call -> String.valueOf(call.service()))
          .thenComparing(call -> String.valueOf(call.operation()));

  private AwsInventory() {}

  /**
   * @param identity the caller's principal ARN, or null when it could not be established (the gaps
   *     then say why)
   */
  static Inventory of(
      Scope scope,
      String identity,
      List<Resource> resources,
      List<CoverageGap> gaps,
      List<CallRecord> calls,
      Instant started,
      Instant finished) {
    ScanMetadata metadata =
        new ScanMetadata(
            null, KIND, identity, List.of(scope), started, finished, VersionProvider.toolVersion());
    return new Inventory(
        Inventory.SCHEMA_VERSION,
        metadata,
        sorted(resources, RESOURCE_ORDER),
        sorted(gaps, GAP_ORDER),
        sorted(calls, CALL_ORDER));
  }

  private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
    List<T> copy = new ArrayList<>(items);
    copy.sort(order);
    return copy;
  }
}
