package io.lcscan.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.regex.Pattern;

/**
 * The module boundaries of DESIGN.md: dependencies point inward. Runs here because scanner-cli is
 * the one module whose classpath holds every other; rules about a module that is not on it yet pass
 * vacuously.
 */
@AnalyzeClasses(
    packages = "io.lcscan",
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      TestArchitecture.DoNotIncludeTestOutput.class
    })
public class TestArchitecture {

  private static final String[] PROVIDERS = {"aws", "azure", "gcp", "terraform"};

  @ArchTest
  static final ArchRule SPI_IS_SELF_CONTAINED =
      classes()
          .that()
          .resideInAPackage("io.lcscan.spi..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.lcscan.spi..", "java..", "com.fasterxml.jackson..")
          .because("providers build against the SPI alone");

  @ArchTest
  static final ArchRule CORE_DOES_NOT_KNOW_ITS_USERS =
      noClasses()
          .that()
          .resideInAnyPackage("io.lcscan.catalog..", "io.lcscan.engine..", "io.lcscan.config..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.lcscan.report..", "io.lcscan.cli..", "io.lcscan.provider..");

  @ArchTest
  static final ArchRule REPORTS_DO_NOT_KNOW_PROVIDERS =
      noClasses()
          .that()
          .resideInAPackage("io.lcscan.report..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.lcscan.provider..", "io.lcscan.cli..")
          .because("one renderer serves every scan kind");

  @ArchTest
  static final ArchRule PROVIDERS_DEPEND_ON_THE_SPI_ONLY =
      noClasses()
          .that()
          .resideInAPackage("io.lcscan.provider..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.lcscan.engine..", "io.lcscan.report..", "io.lcscan.cli..")
          .allowEmptyShould(true);

  @ArchTest static final ArchRule PROVIDERS_DO_NOT_DEPEND_ON_EACH_OTHER = providersIndependent();

  private static ArchRule providersIndependent() {
    CompositeArchRule rule = null;
    for (String provider : PROVIDERS) {
      String[] others =
          java.util.Arrays.stream(PROVIDERS)
              .filter(other -> !other.equals(provider))
              .map(other -> "io.lcscan.provider." + other + "..")
              .toArray(String[]::new);
      ArchRule single =
          noClasses()
              .that()
              .resideInAPackage("io.lcscan.provider." + provider + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(others)
              .allowEmptyShould(true);
      rule = rule == null ? CompositeArchRule.of(single) : rule.and(single);
    }
    return rule;
  }

  /**
   * Test classes and test-jars in any build folder: the build runs with {@code -Dlc.target=...},
   * which {@link ImportOption.DoNotIncludeTests} (it knows only {@code target/}) does not match.
   */
  public static final class DoNotIncludeTestOutput implements ImportOption {
    private static final Pattern TEST_OUTPUT =
        Pattern.compile(".*/test-classes/.*|.*-tests\\.jar!.*");

    @Override
    public boolean includes(Location location) {
      return !location.matches(TEST_OUTPUT);
    }
  }
}
