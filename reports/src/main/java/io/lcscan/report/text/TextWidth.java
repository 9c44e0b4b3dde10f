package io.lcscan.report.text;

import java.util.regex.Pattern;

/**
 * Terminal column widths. Japanese (and other East Asian wide) characters take two columns, so
 * padding by {@link String#length()} would misalign every table that holds a Japanese title.
 */
public final class TextWidth {

  private TextWidth() {}

  /** The number of terminal columns {@code text} takes. */
  public static int of(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      width += of(codePoint);
      i += Character.charCount(codePoint);
    }
    return width;
  }

  public static int of(int codePoint) {
    int type = Character.getType(codePoint);
    if (type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT
        || type == Character.CONTROL) {
      return 0;
    }
    return isWide(codePoint) ? 2 : 1;
  }

  // The East Asian Wide and Fullwidth blocks (UAX #11) that matter for Japanese text, plus emoji.
  private static boolean isWide(int c) {
    return (c >= 0x1100 && c <= 0x115F)
        || (c >= 0x2E80 && c <= 0x303E)
        || (c >= 0x3041 && c <= 0x33FF)
        || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x4E00 && c <= 0x9FFF)
        || (c >= 0xA000 && c <= 0xA4CF)
        || (c >= 0xAC00 && c <= 0xD7A3)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0xFE30 && c <= 0xFE4F)
        || (c >= 0xFF00 && c <= 0xFF60)
        || (c >= 0xFFE0 && c <= 0xFFE6)
        || (c >= 0x1F300 && c <= 0x1F64F)
        || (c >= 0x1F900 && c <= 0x1F9FF)
        || (c >= 0x20000 && c <= 0x3FFFD);
  }

  /** {@code text} cut to at most {@code width} columns, ending in {@code …} when cut. */
  public static String truncate(String text, int width) {
    if (of(text) <= width) {
      return text;
    }
    StringBuilder result = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int w = of(codePoint);
      if (used + w > width - 1) {
        break;
      }
      result.appendCodePoint(codePoint);
      used += w;
      i += Character.charCount(codePoint);
    }
    return result.append('…').toString();
  }

  /**
   * {@code text} cut to at most {@code width} columns by dropping its start, for identifiers whose
   * end is what tells them apart (ARNs, resource paths).
   */
  public static String truncateStart(String text, int width) {
    if (of(text) <= width) {
      return text;
    }
    int used = 1;
    int start = text.length();
    while (start > 0) {
      int codePoint = text.codePointBefore(start);
      int w = of(codePoint);
      if (used + w > width) {
        break;
      }
      used += w;
      start -= Character.charCount(codePoint);
    }
    return "…" + text.substring(start);
  }

  /** {@code text} followed by spaces up to {@code width} columns. */
  public static String pad(String text, int width) {
    int missing = width - of(text);
    return missing <= 0 ? text : text + " ".repeat(missing);
  }

  /** {@code text} preceded by spaces up to {@code width} columns. */
  public static String padLeft(String text, int width) {
    int missing = width - of(text);
    return missing <= 0 ? text : " ".repeat(missing) + text;
  }

  /** One line: line breaks and tabs become spaces, so a message cannot break a table row. */
  public static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n' || c == '\t') {
        return BREAKS.matcher(text).replaceAll(" ").strip();
      }
    }
    // the common case: nothing to replace, no regex to run
    return text.strip();
  }

  private static final Pattern BREAKS = Pattern.compile("[\\r\\n\\t]+");
}
