package io.lcscan.report;

import static java.util.Objects.requireNonNull;

import io.lcscan.catalog.Catalog;
import io.lcscan.catalog.Control;
import io.lcscan.engine.ScanResult;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Status;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every renderer reads: the engine's result, the catalog that produced it (for titles, clauses
 * and remediation) and the reader's language.
 *
 * @param language {@code en} or {@code ja}
 * @param color whether a console renderer may use ANSI colour; only true for a terminal
 * @param locations where each resource (by id) is defined in the scanned input, for the kinds of
 *     scan that know it (a Terraform plan); empty otherwise
 */
public record ReportModel(
    ScanResult result,
    Catalog catalog,
    String language,
    boolean color,
    Map<String, SourceLocation> locations) {

  public static final Set<String> LANGUAGES = Set.of("en", "ja");

  // One order for every format, the engine's, so outputs are deterministic whatever produced the
  // result (a live scan, a plan, a bundle read back): control, provider, account, region, resource
  // type, resource id, status, message, nulls first. Written out rather than chained from
  // Comparator.comparing, whose lambdas cost more than the sort on a cold start.
  private static final Comparator<Finding> FINDING_ORDER =
      new Comparator<>() {
        @Override
        public int compare(Finding a, Finding b) {
          int c = compare(a.controlId(), b.controlId());
          if (c == 0) {
            c = compare(a.provider(), b.provider());
          }
          if (c == 0) {
            c = compare(a.account(), b.account());
          }
          if (c == 0) {
            c = compare(a.region(), b.region());
          }
          if (c == 0) {
            c = compare(a.resourceType(), b.resourceType());
          }
          if (c == 0) {
            c = compare(a.resourceId(), b.resourceId());
          }
          if (c == 0) {
            c = compare(a.status(), b.status());
          }
          if (c == 0) {
            c = compare(a.message(), b.message());
          }
          return c;
        }

        private <T extends Comparable<? super T>> int compare(T a, T b) {
          if (a == null) {
            return b == null ? 0 : -1;
          }
          return b == null ? 1 : a.compareTo(b);
        }
      };

  public ReportModel {
    requireNonNull(result, "result is null");
    requireNonNull(catalog, "catalog is null");
    requireNonNull(language, "language is null");
    if (!LANGUAGES.contains(language)) {
      throw new IllegalArgumentException("language must be en or ja: " + language);
    }
    locations = Map.copyOf(locations);
  }

  public ReportModel(ScanResult result, Catalog catalog, String language, boolean color) {
    this(result, catalog, language, color, Map.of());
  }

  public static ReportModel of(ScanResult result, Catalog catalog, String language) {
    return new ReportModel(result, catalog, language, false);
  }

  /** The findings in report order: control, then resource. */
  public List<Finding> findings() {
    // the engine already gives this order, so most of the time there is nothing to sort or copy
    List<Finding> findings = result.findings();
    for (int i = 1; i < findings.size(); i++) {
      if (FINDING_ORDER.compare(findings.get(i - 1), findings.get(i)) > 0) {
        Finding[] sorted = findings.toArray(new Finding[0]);
        Arrays.sort(sorted, FINDING_ORDER);
        return List.of(sorted);
      }
    }
    return findings;
  }

  /**
   * The number of findings of each status, indexed by {@link Status#ordinal()}: what {@link
   * ScanResult#countsByStatus()} says, without boxing a count per finding.
   */
  public long[] statusCounts() {
    long[] counts = new long[Status.values().length];
    for (Finding finding : result.findings()) {
      counts[finding.status().ordinal()]++;
    }
    return counts;
  }

  public Optional<Control> control(String id) {
    return id == null ? Optional.empty() : catalog.control(id);
  }

  public ReportModel withLocations(Map<String, SourceLocation> value) {
    return new ReportModel(result, catalog, language, color, value);
  }

  /** Where the resource is defined in the scanned input, when the scan knows. */
  public Optional<SourceLocation> location(String resourceId) {
    return resourceId == null ? Optional.empty() : Optional.ofNullable(locations.get(resourceId));
  }

  /** The control's title in the report language, or empty for a control the catalog lacks. */
  public String title(String controlId) {
    return control(controlId).map(control -> control.title().get(language)).orElse("");
  }
}
