package io.lcscan.config;

import io.lcscan.catalog.CatalogException;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration could not be loaded; carries every problem found, one line each. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<CatalogException> problems;

  public ConfigException(List<CatalogException> problems) {
    super(problems.stream().map(CatalogException::getMessage).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<CatalogException> problems() {
    return problems;
  }
}
