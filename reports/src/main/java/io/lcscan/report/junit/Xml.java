package io.lcscan.report.junit;

/**
 * XML 1.0 escaping for text that comes from outside lcscan: resource names, tag values, messages. A
 * plan can name a resource anything, so every character XML cannot carry is replaced.
 */
final class Xml {

  private Xml() {}

  /** Element content: {@code & < >} escaped, characters XML 1.0 cannot carry made visible. */
  static String text(String value) {
    return escape(value, false);
  }

  /**
   * An attribute value in double quotes. Tabs and line ends are written as character references,
   * since a parser would otherwise turn them into spaces.
   */
  static String attribute(String value) {
    return escape(value, true);
  }

  private static String escape(String value, boolean attribute) {
    if (value == null) {
      return "";
    }
    if (plain(value)) {
      // most names and messages need nothing: no copy
      return value;
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      int length = Character.charCount(c);
      if (length == 1 && Character.isSurrogate(value.charAt(i))) {
        // a lone surrogate: not a character at all
        visible(out, c);
      } else {
        switch (c) {
          case '&' -> out.append("&amp;");
          case '<' -> out.append("&lt;");
          case '>' -> out.append("&gt;");
          case '"' -> out.append(attribute ? "&quot;" : "\"");
          case '\t' -> out.append(attribute ? "&#9;" : "\t");
          case '\n' -> out.append(attribute ? "&#10;" : "\n");
          case '\r' -> out.append("&#13;");
          default -> {
            if (allowed(c)) {
              out.appendCodePoint(c);
            } else {
              visible(out, c);
            }
          }
        }
      }
      i += length;
    }
    return out.toString();
  }

  // whether escape would copy every character as it is
  private static boolean plain(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&', '<', '>', '"', '\t', '\n', '\r' -> {
          return false;
        }
        default -> {
          if (Character.isSurrogate(c) || !allowed(c)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  // XML 1.0 Char, less the C1 controls and DEL: legal, but a terminal showing the CI log obeys them
  private static boolean allowed(int c) {
    if (c < 0x20) {
      return false;
    }
    if (c >= 0x7F && c <= 0x9F) {
      return false;
    }
    if (c >= 0xD800 && c <= 0xDFFF) {
      return false;
    }
    return c != 0xFFFE && c != 0xFFFF;
  }

  // shown as \\u001B rather than dropped, so the reader sees that the name held a control character
  private static void visible(StringBuilder out, int c) {
    // as String.format("\\u%04X") would write it, without a Formatter to set up
    String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
    out.append("\\u");
    for (int i = hex.length(); i < 4; i++) {
      out.append('0');
    }
    out.append(hex);
  }
}
