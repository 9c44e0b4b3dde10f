package io.lcscan.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.engine.ScanResult;
import io.lcscan.spi.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestReportModel {

  // the order as it was first written, chained from Comparator.comparing
  private static final Comparator<Finding> CHAINED =
      Comparator.comparing(Finding::controlId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::provider, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::account, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::region, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::resourceType, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::resourceId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::status, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::message, Comparator.nullsFirst(Comparator.naturalOrder()));

  @Test
  void findingsInTheChainedOrderWhateverTheInputOrder() {
    List<Finding> findings = new ArrayList<>(RichFixtures.result().findings());
    Random random = new Random(42);
    for (int round = 0; round < 20; round++) {
      Collections.shuffle(findings, random);
      ReportModel model = model(findings);

      List<Finding> expected = findings.stream().sorted(CHAINED).toList();
      assertThat(model.findings()).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void sortedFindingsAreReturnedAsTheyAre() {
    List<Finding> sorted = RichFixtures.result().findings().stream().sorted(CHAINED).toList();
    ReportModel model = model(sorted);

    assertThat(model.findings()).isSameAs(model.result().findings());
    assertThat(model.findings()).containsExactlyElementsOf(sorted);
  }

  @Test
  void reorderedFindingsCannotBeChanged() {
    List<Finding> findings = new ArrayList<>(RichFixtures.result().findings());
    Collections.reverse(findings);

    List<Finding> sorted = model(findings).findings();

    assertThat(sorted).isNotSameAs(findings);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sorted.set(0, sorted.get(1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static ReportModel model(List<Finding> findings) {
    ScanResult rich = RichFixtures.result();
    ScanResult result =
        new ScanResult(
            rich.metadata(),
            findings,
            rich.gaps(),
            rich.complete(),
            rich.catalogVersion(),
            rich.catalogDigest(),
            rich.evaluatedAt());
    return ReportModel.of(result, RichFixtures.catalog(), "en");
  }
}
