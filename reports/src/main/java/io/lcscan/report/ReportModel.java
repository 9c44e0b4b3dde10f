package io.lcscan.report;

import static java.util.Objects.requireNonNull;

import io.lcscan.catalog.Catalog;
import io.lcscan.catalog.Control;
import io.lcscan.engine.ScanResult;
import io.lcscan.spi.Finding;
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
  // result (a live scan, a plan, a bundle read back).
  private static final Comparator<Finding> FINDING_ORDER =
      Comparator.comparing(Finding::controlId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::provider, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::account, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::region, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::resourceType, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::resourceId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::status, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::message, Comparator.nullsFirst(Comparator.naturalOrder()));

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
    return result.findings().stream().sorted(FINDING_ORDER).toList();
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
