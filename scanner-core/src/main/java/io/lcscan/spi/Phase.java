package io.lcscan.spi;

import java.util.Locale;

/** The six lifecycle phases of an external service, from the 2021 Unified Standards. */
public enum Phase {
  ADOPTION("導入", "adoption"),
  BUILD("構築", "build"),
  OPERATION("運用", "operation"),
  MAINTENANCE("保守", "maintenance"),
  RENEWAL("更改", "renewal"),
  DISPOSAL("破棄", "disposal");

  private final String japanese;
  private final String folder;

  Phase(String japanese, String folder) {
    this.japanese = japanese;
    this.folder = folder;
  }

  public String japanese() {
    return japanese;
  }

  /** The folder under {@code config/controls/} that holds this phase's controls. */
  public String folder() {
    return folder;
  }

  public static Phase parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
