package io.lcscan.provider.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads IAM policy documents (JSON, possibly URL-encoded as IAM returns them). */
public final class AwsPolicies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AwsPolicies() {}

  /** The document, or empty when it is not JSON. IAM returns documents URL-encoded. */
  public static Optional<JsonNode> parse(String document) {
    if (document == null || document.isBlank()) {
      return Optional.empty();
    }
    String text = document.trim();
    if (!text.startsWith("{")) {
      text = URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
    try {
      return Optional.of(JSON.readTree(text));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** Statement as a list, whether the document has one object or an array. */
  public static List<JsonNode> statements(JsonNode policy) {
    return list(policy.get("Statement"));
  }

  /** A string-or-array field as a list of strings. */
  public static List<String> strings(JsonNode node) {
    List<String> result = new ArrayList<>();
    for (JsonNode item : list(node)) {
      if (item.isValueNode()) {
        result.add(item.asText());
      }
    }
    return result;
  }

  public static List<JsonNode> list(JsonNode node) {
    List<JsonNode> result = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return result;
    }
    if (node.isArray()) {
      node.forEach(result::add);
    } else {
      result.add(node);
    }
    return result;
  }

  public static boolean effectIs(JsonNode statement, String effect) {
    return effect.equalsIgnoreCase(statement.path("Effect").asText());
  }

  /** Principal is {@code *} or {@code {"AWS": "*"}}. */
  public static boolean everyone(JsonNode statement) {
    JsonNode principal = statement.get("Principal");
    if (principal == null) {
      return false;
    }
    if (principal.isTextual()) {
      return principal.asText().equals("*");
    }
    return strings(principal.get("AWS")).contains("*");
  }

  /** Whether an action list covers {@code action} (with service and action wildcards). */
  public static boolean coversAction(JsonNode statement, String action) {
    for (String pattern : strings(statement.get("Action"))) {
      if (matches(pattern, action)) {
        return true;
      }
    }
    return false;
  }

  public static boolean matches(String pattern, String value) {
    String regex =
        "\\Q"
            + pattern.toLowerCase(Locale.ROOT).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q")
            + "\\E";
    return value.toLowerCase(Locale.ROOT).matches(regex);
  }

  /**
   * The values of a condition key under an operator, case-insensitively on the key, e.g. {@code
   * Bool aws:SecureTransport}.
   */
  public static List<String> condition(JsonNode statement, String operator, String key) {
    JsonNode byOperator = statement.path("Condition").get(operator);
    if (byOperator == null || !byOperator.isObject()) {
      return List.of();
    }
    Iterator<Map.Entry<String, JsonNode>> fields = byOperator.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equalsIgnoreCase(key)) {
        return strings(field.getValue());
      }
    }
    return List.of();
  }

  /** Whether any operator of the statement's Condition names the key. */
  public static boolean hasConditionKey(JsonNode statement, String key) {
    JsonNode condition = statement.path("Condition");
    Iterator<JsonNode> operators = condition.elements();
    while (operators.hasNext()) {
      Iterator<String> keys = operators.next().fieldNames();
      while (keys.hasNext()) {
        if (keys.next().equalsIgnoreCase(key)) {
          return true;
        }
      }
    }
    return false;
  }
}
