package io.lcscan.provider.terraform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "io.lcscan.provider.terraform",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class TestTerraformArchitecture {

  // the plan provider sees the SPI only: never the engine, reports, CLI or another provider
  @ArchTest
  static final ArchRule SPI_ONLY =
      noClasses()
          .that()
          .resideInAPackage("io.lcscan.provider.terraform..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.lcscan.engine..",
              "io.lcscan.catalog..",
              "io.lcscan.config..",
              "io.lcscan.report..",
              "io.lcscan.cli..",
              "io.lcscan.provider.aws..",
              "io.lcscan.provider.azure..",
              "io.lcscan.provider.gcp..",
              "io.lcscan.provider.common..");

  // nothing on the plan path may load a cloud SDK or a reflection-heavy framework
  @ArchTest
  static final ArchRule NO_SDK =
      noClasses()
          .that()
          .resideInAPackage("io.lcscan.provider.terraform..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "software.amazon.awssdk..",
              "com.azure..",
              "com.google.cloud..",
              "com.google.inject..");
}
