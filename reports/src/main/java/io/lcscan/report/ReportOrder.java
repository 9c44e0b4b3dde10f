package io.lcscan.report;

import io.lcscan.catalog.Control;
import io.lcscan.spi.CoverageGap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The orders reports list controls and coverage gaps in. Written as classes, not lambdas, which
 * cost more than the sort on a cold JVM.
 */
public final class ReportOrder {

  /** Controls by id. */
  public static final Comparator<Control> CONTROLS_BY_ID =
      new Comparator<>() {
        @Override
        public int compare(Control a, Control b) {
          return a.id().compareTo(b.id());
        }
      };

  /** Gaps by provider, account, region, type and reason. */
  public static final Comparator<CoverageGap> GAPS =
      new Comparator<>() {
        @Override
        public int compare(CoverageGap a, CoverageGap b) {
          int c = a.provider().compareTo(b.provider());
          if (c == 0) {
            c = a.account().compareTo(b.account());
          }
          if (c == 0) {
            c = a.region().compareTo(b.region());
          }
          if (c == 0) {
            c = a.resourceType().compareTo(b.resourceType());
          }
          if (c == 0) {
            c = a.reason().name().compareTo(b.reason().name());
          }
          return c;
        }
      };

  private ReportOrder() {}

  /** The items in the given order; the list itself when it has fewer than two. */
  public static <T> List<T> sorted(List<T> items, Comparator<? super T> order) {
    if (items.size() < 2) {
      return items;
    }
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(order);
    return sorted;
  }
}
