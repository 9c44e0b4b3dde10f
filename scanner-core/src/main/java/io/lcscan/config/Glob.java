package io.lcscan.config;

import java.util.regex.Pattern;

/** A {@code *}/{@code ?} pattern, as used for resource types, ids and accounts. */
final class Glob {
  private static final java.util.Map<String, Glob> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final String text;
  private final Pattern pattern;

  Glob(String text) {
    this.text = text;
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    this.pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** The compiled glob, cached: registers and waivers match it once per finding. */
  static Glob of(String text) {
    Glob glob = CACHE.get(text);
    if (glob == null) {
      glob = new Glob(text);
      if (CACHE.size() < 10_000) {
        CACHE.put(text, glob);
      }
    }
    return glob;
  }

  boolean matches(String value) {
    return value != null && pattern.matcher(value).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
