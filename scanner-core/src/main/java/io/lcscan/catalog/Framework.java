package io.lcscan.catalog;

import java.util.List;

/** A compliance framework as data: its clauses and the controls that implement each. */
public record Framework(String id, Localized name, List<Clause> clauses) {

  public Framework {
    clauses = List.copyOf(clauses);
  }

  /** One clause; {@code verified=false} marks a number not confirmed against the published text. */
  public record Clause(String ref, Localized title, boolean verified, List<String> controls) {
    public Clause {
      controls = List.copyOf(controls);
    }
  }
}
