package io.lcscan.spi;

import java.util.Locale;

/** Severity of a control; ordered so that {@code compareTo} ranks LOW below CRITICAL. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
