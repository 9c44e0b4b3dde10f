package io.lcscan.catalog;

/** A text in English and Japanese. */
public record Localized(String en, String ja) {

  /** The text in {@code lang} ({@code en} or {@code ja}), falling back to English. */
  public String get(String lang) {
    return "ja".equals(lang) && ja != null && !ja.isBlank() ? ja : en;
  }
}
