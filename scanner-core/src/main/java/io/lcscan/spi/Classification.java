package io.lcscan.spi;

import java.util.Locale;
import java.util.Optional;

/** Confidentiality class (格付) of the information a resource holds: 機密性1, 2 and 3. */
public enum Classification {
  C1,
  C2,
  C3;

  public boolean atLeast(Classification other) {
    return compareTo(other) >= 0;
  }

  /** Parses {@code c1|c2|c3} case-insensitively; anything else is empty. */
  public static Optional<Classification> fromTag(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.trim().toUpperCase(Locale.ROOT)) {
      case "C1" -> Optional.of(C1);
      case "C2" -> Optional.of(C2);
      case "C3" -> Optional.of(C3);
      default -> Optional.empty();
    };
  }
}
