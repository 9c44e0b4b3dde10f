package io.lcscan.cli;

import io.lcscan.catalog.ClauseRef;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Short clause labels for tables: {@code US 4.2.1(2)†, ISO CLD.8.1.5}. */
final class ClauseLabels {

  static final String UNVERIFIED = "†";

  private static final Map<String, String> SHORT_NAMES =
      Map.of("unified-standards-2021", "US", "iso27017", "ISO", "ismap", "ISMAP");

  private ClauseLabels() {}

  static String shortName(String framework) {
    return SHORT_NAMES.getOrDefault(framework, framework);
  }

  static String of(List<ClauseRef> clauses) {
    return clauses.stream()
        .map(
            clause ->
                shortName(clause.framework())
                    + " "
                    + clause.ref()
                    + (clause.verified() ? "" : UNVERIFIED))
        .collect(Collectors.joining(", "));
  }

  static String legend(String language) {
    if ("ja".equals(language)) {
      return "US = unified-standards-2021（統一基準 令和3年度版）, ISO = iso27017, ISMAP = ismap;"
          + " † = 公表文書との照合が未確認の条項番号";
    }
    return "US = unified-standards-2021 (Unified Standards FY2021), ISO = iso27017, ISMAP = ismap;"
        + " † = clause number not yet verified against the published text";
  }
}
