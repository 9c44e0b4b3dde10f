package io.lcscan.provider.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes normalized attributes. A null value is never written: an attribute the source did not
 * report stays absent, so a rule reading it gives ERROR rather than a guess.
 */
public final class AwsAttributes {
  private AwsAttributes() {}

  public static void text(ObjectNode node, String name, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(name, value);
    }
  }

  public static void bool(ObjectNode node, String name, Boolean value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  public static void integer(ObjectNode node, String name, Number value) {
    if (value != null) {
      node.put(name, value.longValue());
    }
  }

  /** RFC 3339 in UTC, as every schema's date-time attributes are. */
  public static void time(ObjectNode node, String name, Instant value) {
    if (value != null) {
      node.put(name, DateTimeFormatter.ISO_INSTANT.format(value));
    }
  }

  /** A list, written even when empty: an empty list is an answer ("shared with nobody"). */
  public static void strings(ObjectNode node, String name, Collection<String> values) {
    ArrayNode array = node.putArray(name);
    if (values != null) {
      values.stream().filter(value -> value != null && !value.isEmpty()).forEach(array::add);
    }
  }

  /** The child object, created on first use. */
  public static ObjectNode object(ObjectNode node, String name) {
    return node.has(name) ? (ObjectNode) node.get(name) : node.putObject(name);
  }

  public static ArrayNode array(ObjectNode node, String name) {
    return node.has(name) ? (ArrayNode) node.get(name) : node.putArray(name);
  }

  /** AWS tag lists as a map; a later duplicate key wins, as it cannot happen in AWS. */
  public static <T> Map<String, String> tags(
      List<T> tags, Function<T, String> key, Function<T, String> value) {
    Map<String, String> result = new TreeMap<>();
    if (tags != null) {
      for (T tag : tags) {
        String k = key.apply(tag);
        if (k != null) {
          result.put(k, value.apply(tag) == null ? "" : value.apply(tag));
        }
      }
    }
    return result;
  }

  /** The region of an ARN ({@code arn:partition:service:region:account:resource}), or null. */
  public static String arnRegion(String arn) {
    String[] parts = arnParts(arn);
    return parts == null || parts[3].isEmpty() ? null : parts[3];
  }

  /** The account of an ARN, or null. */
  public static String arnAccount(String arn) {
    String[] parts = arnParts(arn);
    return parts == null || parts[4].isEmpty() ? null : parts[4];
  }

  private static String[] arnParts(String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      return null;
    }
    String[] parts = arn.split(":", 6);
    return parts.length < 6 ? null : parts;
  }
}
