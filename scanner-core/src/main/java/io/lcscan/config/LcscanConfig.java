package io.lcscan.config;

import static java.util.Objects.requireNonNull;

import io.lcscan.catalog.Catalog;
import io.lcscan.catalog.CatalogException;
import io.lcscan.catalog.PrecompiledRules;
import java.util.List;
import java.util.Optional;

/**
 * Everything under {@code config/}: the catalog with its compiled rules, the settings, the
 * approved-services register, waivers and attestations.
 */
public final class LcscanConfig {
  private final Catalog catalog;
  private final Settings settings;
  private final ApprovedServices approvedServices;
  private final Waivers waivers;
  private final Attestations attestations;

  public LcscanConfig(
      Catalog catalog,
      Settings settings,
      ApprovedServices approvedServices,
      Waivers waivers,
      Attestations attestations) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.approvedServices = requireNonNull(approvedServices, "approvedServices is null");
    this.waivers = requireNonNull(waivers, "waivers is null");
    this.attestations = requireNonNull(attestations, "attestations is null");
  }

  /**
   * Loads and validates a configuration.
   *
   * @throws ConfigException with every problem found, each {@code file:line: problem}
   */
  public static LcscanConfig load(ConfigSource source) {
    return load(source, PrecompiledRules.bundled());
  }

  /**
   * Like {@link #load(ConfigSource)}, taking the rules of a catalog whose digest matches {@code
   * precompiled} from there instead of compiling them.
   */
  public static LcscanConfig load(ConfigSource source, PrecompiledRules precompiled) {
    LoadResult result = loadPartial(source, precompiled);
    if (!result.problems().isEmpty()) {
      throw new ConfigException(result.problems());
    }
    return result.config();
  }

  /**
   * Loads what can be loaded and lists the problems, for the catalog test and {@code lcscan catalog
   * check}: a control whose texts are incomplete is kept, a rule that does not compile is left out.
   * Never throws for bad content.
   */
  public static LoadResult loadPartial(ConfigSource source) {
    return loadPartial(source, PrecompiledRules.bundled());
  }

  /**
   * Like {@link #loadPartial(ConfigSource)}, with the rules of {@code precompiled} when they fit.
   */
  public static LoadResult loadPartial(ConfigSource source, PrecompiledRules precompiled) {
    return loadPartial(source, precompiled, true);
  }

  /**
   * Like {@link #loadPartial(ConfigSource, PrecompiledRules)}; with {@code usePrebuilt} false, the
   * bundled catalog's files are parsed even when the build's trees fit them (for tests).
   */
  static LoadResult loadPartial(
      ConfigSource source, PrecompiledRules precompiled, boolean usePrebuilt) {
    requireNonNull(source, "source is null");
    requireNonNull(precompiled, "precompiled is null");
    if (usePrebuilt && source instanceof ConfigSource.ClasspathSource bundled) {
      // The build's trees of these very files (docs/catalog-format.md, "Rules compiled at build
      // time"). The build stored them only for a catalog without problems, so a problem here
      // means something differs: then the files are loaded and the problems reported from them.
      Optional<PrebuiltCatalog> prebuilt = PrebuiltCatalog.forSource(bundled);
      if (prebuilt.isPresent()) {
        try {
          LoadResult result = new ConfigLoader(source, precompiled, prebuilt.get()).load();
          if (result.problems().isEmpty()) {
            return result;
          }
        } catch (RuntimeException e) {
          // loaded from the files below
        }
      }
    }
    try {
      return new ConfigLoader(source, precompiled).load();
    } catch (RuntimeException e) {
      // Reading the source itself failed (an unreadable folder or jar): nothing loaded.
      CatalogException problem =
          new CatalogException(
              source.toString(),
              0,
              "cannot read the configuration: "
                  + e.getClass().getSimpleName()
                  + ": "
                  + YamlDocument.oneLine(e.getMessage()));
      LcscanConfig empty =
          new LcscanConfig(
              new Catalog(List.of(), List.of(), java.util.Map.of(), java.util.Map.of(), ""),
              Settings.parse(
                  com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                  new Fields("settings", new java.util.ArrayList<>())),
              ApprovedServices.empty(),
              Waivers.empty(),
              Attestations.empty());
      return new LoadResult(empty, List.of(problem));
    }
  }

  /** A configuration as far as it loaded, and the problems found on the way. */
  public record LoadResult(LcscanConfig config, List<CatalogException> problems) {
    public LoadResult {
      requireNonNull(config, "config is null");
      problems = List.copyOf(problems);
    }
  }

  public Catalog catalog() {
    return catalog;
  }

  public Settings settings() {
    return settings;
  }

  public ApprovedServices approvedServices() {
    return approvedServices;
  }

  public Waivers waivers() {
    return waivers;
  }

  public Attestations attestations() {
    return attestations;
  }

  public LcscanConfig withSettings(Settings value) {
    return new LcscanConfig(catalog, value, approvedServices, waivers, attestations);
  }

  public LcscanConfig withApprovedServices(ApprovedServices value) {
    return new LcscanConfig(catalog, settings, value, waivers, attestations);
  }

  public LcscanConfig withWaivers(Waivers value) {
    return new LcscanConfig(catalog, settings, approvedServices, value, attestations);
  }

  public LcscanConfig withAttestations(Attestations value) {
    return new LcscanConfig(catalog, settings, approvedServices, waivers, value);
  }
}
