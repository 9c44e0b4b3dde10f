package io.lcscan.provider.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secret-looking values with {@value #REDACTED} before anything collected is stored: in
 * resource attributes, tags and raw responses. It errs on the side of redacting: a lost value in
 * the evidence is cheap, a leaked credential is not.
 *
 * <ul>
 *   <li>Text: PEM blocks, AWS access key ids and secret keys, {@code key=value} pairs whose key
 *       names a secret ({@code password=}, {@code token:}, {@code AccountKey=}, {@code sig=}),
 *       credentials in URIs, bearer tokens, JWTs and well-known token formats.
 *   <li>Fields: a JSON field or XML element whose name names a secret ({@code Password}, {@code
 *       SecretAccessKey}, {@code Credentials}) loses its value.
 *   <li>Whole fields: known secret fields (Lambda environment variables, EC2 user data) lose every
 *       value whatever it looks like.
 * </ul>
 */
public final class Redactor {
  public static final String REDACTED = "[REDACTED]";

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----.*?-----END \\1-----", Pattern.DOTALL);
  // long-term (AKIA), temporary (ASIA) and other access key id prefixes
  private static final Pattern AWS_ACCESS_KEY_ID =
      Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])");
  private static final Pattern AWS_SECRET_WITH_NAME =
      Pattern.compile(
          "(?i)(aws_?secret_?(?:access_?)?key|secret_?access_?key)([\"']?\\s*[:=]\\s*[\"']?)"
              + "([A-Za-z0-9/+=]{40})");
  private static final Pattern FORTY_CHARS =
      Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?i)(?<![A-Za-z0-9])([A-Za-z0-9_.-]*?(?:password|passwd|pwd|passphrase|secret|token"
              + "|api[_-]?key|access[_-]?key|private[_-]?key|account[_-]?key"
              + "|shared[_-]?access[_-]?key|connection[_-]?string|credentials?|signature)"
              + "[A-Za-z0-9_.-]*|sig)"
              + "([\"']?\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&\"'<>]+)");
  // the scheme is tried once per run of scheme characters, from its first letter: trying every
  // position of a long run (a base64 blob such as a credential report) took quadratic time
  private static final Pattern URI_CREDENTIALS =
      Pattern.compile(
          "(?<![A-Za-z0-9+.-])([0-9+.-]*+[A-Za-z][A-Za-z0-9+.-]*+://)([^:/@\\s\"'<>]*):([^@/\\s\"'<>]+)@");
  private static final Map<String, Pattern> WHOLE_ELEMENTS = new ConcurrentHashMap<>();
  private static final Pattern AUTHORIZATION =
      Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern TOKENS =
      Pattern.compile(
          "\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*" // JWT
              + "|\\bgh[pousr]_[A-Za-z0-9]{36,}" // GitHub
              + "|\\bxox[abposr]-[A-Za-z0-9-]{10,}" // Slack
              + "|\\bAIza[0-9A-Za-z_-]{35}" // Google API key
              + "|\\b[sr]k_live_[0-9A-Za-z]{16,}"); // Stripe
  private static final Pattern XML_ELEMENT =
      Pattern.compile("<([A-Za-z_][A-Za-z0-9_.-]*)(\\s[^>]*)?>([^<]*)</\\1>");

  private static final List<String> SECRET_NAME_ENDINGS =
      List.of(
          "password",
          "passwd",
          "passphrase",
          "secret",
          "secretkey",
          "privatekey",
          "apikey",
          "accesstoken",
          "refreshtoken",
          "sessiontoken",
          "securitytoken",
          "authtoken",
          "idtoken",
          "bearertoken",
          "sastoken",
          "connectionstring",
          "accountkey",
          "sharedaccesskey",
          "credentials",
          "credential");
  private static final Set<String> SECRET_NAMES = Set.of("pwd", "token", "authorization", "sig");

  private Redactor() {}

  /** Whether a field or element with this name holds a secret. */
  public static boolean isSecretName(String name) {
    StringBuilder letters = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '-' && c != '_' && c != ' ' && c != '.') {
        letters.append(c);
      }
    }
    String normalized = letters.toString().toLowerCase(Locale.ROOT);
    if (SECRET_NAMES.contains(normalized)) {
      return true;
    }
    for (String ending : SECRET_NAME_ENDINGS) {
      if (normalized.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  // only redactJsonText needs a mapper: the inventory and plan paths never build one here
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /** Redacts secret-looking values in free text. */
  public static String redactText(String text) {
    if (text == null || text.isEmpty() || !mayMatch(text)) {
      return text;
    }
    return redactWithPatterns(text);
  }

  /** Every pattern of {@link #redactText}, whether or not {@link #mayMatch} rules them out. */
  static String redactWithPatterns(String text) {
    String result = PEM.matcher(text).replaceAll(REDACTED);
    result =
        URI_CREDENTIALS
            .matcher(result)
            .replaceAll("$1$2:" + Matcher.quoteReplacement(REDACTED) + "@");
    result =
        AWS_SECRET_WITH_NAME
            .matcher(result)
            .replaceAll("$1$2" + Matcher.quoteReplacement(REDACTED));
    result =
        KEY_VALUE
            .matcher(result)
            .replaceAll(
                match -> {
                  if (match.group(3).equals(REDACTED) || match.group(3).startsWith("[REDACTED]")) {
                    return Matcher.quoteReplacement(match.group());
                  }
                  String value = match.group(3);
                  String quote = value.startsWith("\"") ? "\"" : value.startsWith("'") ? "'" : "";
                  return Matcher.quoteReplacement(
                      match.group(1) + match.group(2) + quote + REDACTED + quote);
                });
    result = AUTHORIZATION.matcher(result).replaceAll("$1 " + Matcher.quoteReplacement(REDACTED));
    result = TOKENS.matcher(result).replaceAll(Matcher.quoteReplacement(REDACTED));
    result = AWS_ACCESS_KEY_ID.matcher(result).replaceAll(Matcher.quoteReplacement(REDACTED));
    result =
        FORTY_CHARS
            .matcher(result)
            .replaceAll(
                match ->
                    Matcher.quoteReplacement(
                        looksLikeSecretKey(match.group()) ? REDACTED : match.group()));
    return result;
  }

  /**
   * False only when no pattern of {@link #redactText} can match the text, so that most values
   * (names, ids, ARNs, regions, dates) skip the patterns after one pass over their characters. Each
   * test below is a condition without which one pattern cannot match; true sends the text through
   * every pattern as before.
   */
  static boolean mayMatch(String text) {
    int length = text.length();
    int base64Run = 0; // FORTY_CHARS: 40 of [A-Za-z0-9/+] in a row
    int upperRun = 0; // AWS_ACCESS_KEY_ID: a prefix and 16 of [A-Z0-9], 20 in a row
    boolean separator = false; // KEY_VALUE and AWS_SECRET_WITH_NAME: [:=]
    boolean at = false; // URI_CREDENTIALS: user:password@
    boolean space = false; // AUTHORIZATION: bearer|basic, then \s
    boolean underscore = false; // GitHub and Stripe tokens
    boolean dash = false; // PEM and Slack tokens
    boolean dot = false; // JWT
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean upper = c >= 'A' && c <= 'Z';
      boolean digit = c >= '0' && c <= '9';
      if (upper || digit || (c >= 'a' && c <= 'z') || c == '/' || c == '+') {
        if (++base64Run >= 40) {
          return true;
        }
      } else {
        base64Run = 0;
      }
      if (upper || digit) {
        if (++upperRun >= 20 && accessKeyPrefix(text, i - 19)) {
          return true;
        }
      } else {
        upperRun = 0;
      }
      switch (c) {
        case ':', '=' -> separator = true;
        case '@' -> at = true;
        case ' ', '\t', '\n', '\u000B', '\f', '\r' -> space = true;
        case '_' -> underscore = true;
        case '-' -> dash = true;
        case '.' -> dot = true;
        default -> {}
      }
    }
    if (dash && (text.contains("-----BEGIN ") || text.contains("xox"))) {
      return true;
    }
    if (at && separator && text.contains("://")) {
      return true;
    }
    if (space && (containsIgnoreCase(text, "bearer") || containsIgnoreCase(text, "basic"))) {
      return true;
    }
    if (dot && text.contains("eyJ")) {
      return true;
    }
    if (underscore && (text.contains("k_live_") || gitHubPrefix(text))) {
      return true;
    }
    if (length >= 39 && text.contains("AIza")) {
      return true;
    }
    return separator && namedValue(text);
  }

  private static boolean accessKeyPrefix(String text, int start) {
    return text.startsWith("AKIA", start)
        || text.startsWith("ASIA", start)
        || text.startsWith("ABIA", start)
        || text.startsWith("ACCA", start);
  }

  private static boolean gitHubPrefix(String text) {
    for (int i = text.indexOf("gh"); i >= 0; i = text.indexOf("gh", i + 1)) {
      if (i + 3 < text.length() && "pousr".indexOf(text.charAt(i + 2)) >= 0) {
        if (text.charAt(i + 3) == '_') {
          return true;
        }
      }
    }
    return false;
  }

  // the words of KEY_VALUE's name (and of AWS_SECRET_WITH_NAME's, which all end in "key")
  private static final String[] NAME_WORDS = {
    "pass", "pwd", "secret", "token", "key", "connection", "credential", "sig"
  };

  /**
   * Whether a word of a secret's name is followed, after more name characters, by an optional
   * quote, spaces and {@code :} or {@code =}: what KEY_VALUE needs before it can match.
   */
  private static boolean namedValue(String text) {
    for (String word : NAME_WORDS) {
      for (int i = indexOfIgnoreCase(text, word, 0);
          i >= 0;
          i = indexOfIgnoreCase(text, word, i + 1)) {
        int j = i + word.length();
        while (j < text.length() && isNameChar(text.charAt(j))) {
          j++;
        }
        if (j < text.length() && (text.charAt(j) == '"' || text.charAt(j) == '\'')) {
          j++;
        }
        while (j < text.length() && isSpace(text.charAt(j))) {
          j++;
        }
        if (j < text.length() && (text.charAt(j) == ':' || text.charAt(j) == '=')) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == '-';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean containsIgnoreCase(String text, String word) {
    return indexOfIgnoreCase(text, word, 0) >= 0;
  }

  // word is lower-case ASCII; regionMatches ignores case at least as widely as (?i) does
  private static int indexOfIgnoreCase(String text, String word, int from) {
    char first = word.charAt(0);
    char firstUpper = (char) (first - 32);
    for (int i = from; i <= text.length() - word.length(); i++) {
      char c = text.charAt(i);
      if ((c == first || c == firstUpper || c > 127)
          && text.regionMatches(true, i, word, 0, word.length())) {
        return i;
      }
    }
    return -1;
  }

  // an AWS secret access key is 40 base64 characters; hashes (hex) and paths (role/Name) are not
  private static boolean looksLikeSecretKey(String candidate) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      upper |= Character.isUpperCase(c);
      lower |= Character.isLowerCase(c);
      digit |= Character.isDigit(c);
    }
    return upper && lower && digit && !candidate.matches("^[a-z0-9-]+/.*");
  }

  /**
   * Redacts a JSON tree in place: secret-named fields lose their values, every other string is
   * redacted as text, and the fields at {@code wholeFields} lose every value.
   *
   * @param wholeFields paths of field names such as {@code Environment.Variables}: a field named
   *     {@code Variables} inside a field named {@code Environment}, at any depth, arrays ignored
   */
  public static JsonNode redactJson(JsonNode node, Set<String> wholeFields) {
    List<String[]> paths = new ArrayList<>();
    for (String path : wholeFields) {
      paths.add(path.split("\\."));
    }
    return walk(node, new ArrayList<>(), paths);
  }

  public static JsonNode redactJson(JsonNode node) {
    return redactJson(node, Set.of());
  }

  private static JsonNode walk(JsonNode node, List<String> chain, List<String[]> wholeFields) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String redacted = redactText(node.textValue());
      return redacted.equals(node.textValue()) ? node : TextNode.valueOf(redacted);
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, walk(array.get(i), chain, wholeFields));
      }
      return array;
    }
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
      List<Map.Entry<String, JsonNode>> replacements = new ArrayList<>();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        chain.add(field.getKey());
        JsonNode value = field.getValue();
        JsonNode replaced;
        if (matchesAny(chain, wholeFields)) {
          replaced = redactAllValues(value);
        } else if (isSecretName(field.getKey()) && !isPlainScalar(value)) {
          replaced = redactAllValues(value);
        } else {
          replaced = walk(value, chain, wholeFields);
        }
        chain.remove(chain.size() - 1);
        if (replaced != value) {
          replacements.add(Map.entry(field.getKey(), replaced));
        }
      }
      replacements.forEach(entry -> object.set(entry.getKey(), entry.getValue()));
      return object;
    }
    return node;
  }

  private static boolean isPlainScalar(JsonNode value) {
    return value.isBoolean() || value.isNull() || value.isMissingNode();
  }

  /** Every value under the node becomes {@value #REDACTED}; object keys stay, so names remain. */
  private static JsonNode redactAllValues(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        object.set(name, redactAllValues(object.get(name)));
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, redactAllValues(array.get(i)));
      }
      return array;
    }
    if (node.isNull() || node.isMissingNode()) {
      return node;
    }
    return TextNode.valueOf(REDACTED);
  }

  private static boolean matchesAny(List<String> chain, List<String[]> paths) {
    for (String[] path : paths) {
      if (path.length <= chain.size()) {
        boolean matches = true;
        for (int i = 0; i < path.length && matches; i++) {
          matches = path[path.length - 1 - i].equals(chain.get(chain.size() - 1 - i));
        }
        if (matches) {
          return true;
        }
      }
    }
    return false;
  }

  /** Redacts a JSON document; a body that is not JSON is redacted as text. */
  public static String redactJsonText(String body, Set<String> wholeFields) {
    if (body == null || body.isBlank()) {
      return body;
    }
    try {
      JsonNode tree = Json.MAPPER.readTree(body);
      if (tree == null) {
        return redactText(body);
      }
      return Json.MAPPER.writeValueAsString(redactJson(tree, wholeFields));
    } catch (JsonProcessingException e) {
      return redactText(body);
    }
  }

  /**
   * Redacts an XML document: the content of elements named in {@code wholeElements} (at any depth,
   * nested elements included) and of secret-named elements is replaced, then the rest as text.
   */
  public static String redactXml(String xml, Set<String> wholeElements) {
    if (xml == null || xml.isEmpty()) {
      return xml;
    }
    String result = xml;
    for (String element : wholeElements) {
      if (!result.contains("<" + element)) {
        continue;
      }
      Pattern whole =
          WHOLE_ELEMENTS.computeIfAbsent(
              element,
              name ->
                  Pattern.compile(
                      "<(" + Pattern.quote(name) + ")(\\s[^>]*)?>.*?</" + Pattern.quote(name) + ">",
                      Pattern.DOTALL));
      result =
          whole
              .matcher(result)
              .replaceAll(
                  match ->
                      Matcher.quoteReplacement(
                          "<" + match.group(1) + ">" + REDACTED + "</" + match.group(1) + ">"));
    }
    result =
        XML_ELEMENT
            .matcher(result)
            .replaceAll(
                match ->
                    Matcher.quoteReplacement(
                        isSecretName(match.group(1)) && !match.group(3).isBlank()
                            ? "<"
                                + match.group(1)
                                + (match.group(2) == null ? "" : match.group(2))
                                + ">"
                                + REDACTED
                                + "</"
                                + match.group(1)
                                + ">"
                            : match.group()));
    return redactText(result);
  }
}
