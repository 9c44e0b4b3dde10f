package io.lcscan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.testing.TypeSchemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every control of the bundled catalog is complete and proven by its fixtures, in the manner of
 * Checkstyle's AllChecksTest. All problems are collected and reported together, one per line.
 *
 * <p>{@code -Dlc.control=LC-DISP-02} (a comma-separated list of ids or id prefixes) limits the run
 * to those controls, for fast iteration on content.
 */
class TestCatalogCompleteness {

  @Test
  void everyControlIsCompleteAndProvenByFixtures() throws Exception {
    String filter = System.getProperty("lc.control", "").trim();
    List<String> selected =
        filter.isEmpty()
            ? List.of()
            : Arrays.stream(filter.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    Predicate<String> wanted =
        id -> selected.isEmpty() || selected.stream().anyMatch(id::startsWith);

    LcscanConfig.LoadResult loaded = LcscanConfig.loadPartial(ConfigSource.bundled());
    LcscanConfig config = loaded.config();
    Catalog catalog = config.catalog();
    List<String> problems = new ArrayList<>();
    for (CatalogException problem : loaded.problems()) {
      if (selected.isEmpty() || relevant(problem, selected, catalog)) {
        problems.add("load: " + problem.getMessage());
      }
    }

    ControlFixtures fixtures =
        new ControlFixtures(config, TypeSchemas.bundled(), ControlFixtures.defaultRoot());
    int controls = 0;
    for (Control control : catalog.controls()) {
      if (!wanted.test(control.id())) {
        continue;
      }
      controls++;
      checkMetadata(control, catalog, problems);
      fixtures.check(control, problems);
    }
    for (String id : fixtures.fixtureControls()) {
      if (wanted.test(id) && catalog.control(id).isEmpty()) {
        problems.add(
            id + ": fixtures for a control the catalog does not have (or that did not load)");
      }
    }
    if (!selected.isEmpty() && controls == 0) {
      problems.add("no control matches -Dlc.control=" + filter);
    }
    String summary =
        controls
            + " control(s), "
            + fixtures.cases()
            + " fixture case(s), "
            + problems.size()
            + " problem(s)";
    System.out.println("catalog completeness: " + summary);
    assertThat(problems)
        .withFailMessage(() -> summary + ":\n  " + String.join("\n  ", problems))
        .isEmpty();
  }

  private static boolean relevant(
      CatalogException problem, List<String> selected, Catalog catalog) {
    String message = problem.getMessage();
    for (String id : selected) {
      if (message.contains(id)) {
        return true;
      }
      for (Control control : catalog.controls()) {
        if (control.id().startsWith(id)) {
          for (String type : control.appliesTo()) {
            if (problem.file().endsWith("types/" + type + ".json")) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** What the loader does not check already (its problems are listed above). */
  private static void checkMetadata(Control control, Catalog catalog, List<String> problems) {
    if (control.manual()) {
      for (String language : List.of("en", "ja")) {
        if (control.evidenceToAttach().getOrDefault(language, List.of()).isEmpty()) {
          problems.add(control.id() + ": manual control without evidenceToAttach." + language);
        }
      }
    }
  }
}
