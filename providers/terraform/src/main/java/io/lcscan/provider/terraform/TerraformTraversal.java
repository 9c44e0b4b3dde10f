package io.lcscan.provider.terraform;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Terraform address or reference ({@code module.a["x"].aws_s3_bucket.b[0].id}) into its
 * steps: names and index keys. Index keys are {@link Long} or {@link String}.
 */
final class TerraformTraversal {
  private TerraformTraversal() {}

  /** One step: an attribute or block name, or an index key. */
  record Step(String name, Object key) {
    boolean isName() {
      return name != null;
    }

    boolean isKey() {
      return name == null;
    }

    static Step name(String name) {
      return new Step(name, null);
    }

    static Step key(Object key) {
      return new Step(null, key);
    }
  }

  /** Parses leniently: it stops at the first character it does not understand (a splat, say). */
  static List<Step> parse(String text) {
    List<Step> steps = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '.') {
        i++;
      } else if (c == '[') {
        i++;
        if (i < n && text.charAt(i) == '"') {
          StringBuilder key = new StringBuilder();
          i++;
          while (i < n && text.charAt(i) != '"') {
            char k = text.charAt(i);
            if (k == '\\' && i + 1 < n) {
              i++;
              k = unescape(text.charAt(i));
            }
            key.append(k);
            i++;
          }
          i++;
          steps.add(Step.key(key.toString()));
        } else {
          int start = i;
          while (i < n && Character.isDigit(text.charAt(i))) {
            i++;
          }
          if (start == i) {
            return steps;
          }
          steps.add(Step.key(Long.parseLong(text.substring(start, i))));
        }
        if (i >= n || text.charAt(i) != ']') {
          return steps;
        }
        i++;
      } else if (isNameChar(c)) {
        int start = i;
        while (i < n && isNameChar(text.charAt(i))) {
          i++;
        }
        steps.add(Step.name(text.substring(start, i)));
      } else {
        return steps;
      }
    }
    return steps;
  }

  private static char unescape(char c) {
    return switch (c) {
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'r' -> '\r';
      default -> c;
    };
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  /** Renders an index key as Terraform writes it in addresses. */
  static String renderKey(Object key) {
    if (key instanceof String s) {
      StringBuilder out = new StringBuilder("[\"");
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\t' -> out.append("\\t");
          case '\r' -> out.append("\\r");
          default -> out.append(c);
        }
      }
      return out.append("\"]").toString();
    }
    return "[" + key + "]";
  }
}
