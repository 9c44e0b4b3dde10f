package io.lcscan.report.junit;

/** {@link Xml} as it was, copying every value and formatting with String.format: an oracle. */
final class LegacyXml {

  private LegacyXml() {}

  static String text(String value) {
    return escape(value, false);
  }

  static String attribute(String value) {
    return escape(value, true);
  }

  private static String escape(String value, boolean attribute) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      int length = Character.charCount(c);
      if (length == 1 && Character.isSurrogate(value.charAt(i))) {
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

  private static void visible(StringBuilder out, int c) {
    out.append(String.format(java.util.Locale.ROOT, "\\u%04X", c));
  }
}
