package io.lcscan.provider.terraform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads JSON into Jackson's tree with the streaming parser alone: the same nodes, the same parse
 * errors at the same positions as {@code ObjectMapper.readTree}, without setting up databind's
 * ObjectMapper (its static initialisation alone costs tens of milliseconds of a scan).
 */
final class TerraformJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TerraformJson() {}

  /**
   * The one JSON value of the stream, or null when it holds none; anything after that value is an
   * error, as with {@code DeserializationFeature.FAIL_ON_TRAILING_TOKENS}.
   */
  static JsonNode readDocument(InputStream in) throws IOException {
    try (JsonParser parser = FACTORY.createParser(in)) {
      return readDocument(parser, null);
    }
  }

  /**
   * As {@link #readDocument(InputStream)} for a plan's bytes, except that the {@code values} and
   * {@code sensitive_values} of the resources in {@code planned_values} are checked but not built:
   * each is a {@link Deferred} in a {@link POJONode}, for {@link #resolve}. They repeat what {@code
   * resource_changes} holds, and are needed only for resources that are not there.
   */
  static JsonNode readPlan(byte[] bytes) throws IOException {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      // byte offsets need the UTF-8 parser; UTF-16 and UTF-32 input is built whole
      boolean utf8 = parser instanceof UTF8StreamJsonParser;
      return readDocument(parser, utf8 ? new Deferral(bytes, 0) : null);
    }
  }

  /** The node itself, or the value a {@link Deferred} stands for. */
  static JsonNode resolve(JsonNode node) throws IOException {
    if (node instanceof POJONode pojo && pojo.getPojo() instanceof Deferred deferred) {
      try (JsonParser parser =
          FACTORY.createParser(deferred.bytes(), deferred.offset(), deferred.length())) {
        return readValue(parser);
      }
    }
    return node;
  }

  /** A value of the input that was parsed but not built: where its bytes are. */
  record Deferred(byte[] bytes, int offset, int length) {}

  private record Deferral(byte[] bytes, int base) {}

  // where the parser's byte offsets start in the array: found from the first token, which is the
  // first byte after a byte order mark and white space
  private static Deferral anchored(Deferral deferral, JsonParser parser) {
    byte[] bytes = deferral.bytes();
    int index =
        bytes.length >= 3
                && bytes[0] == (byte) 0xEF
                && bytes[1] == (byte) 0xBB
                && bytes[2] == (byte) 0xBF
            ? 3
            : 0;
    while (index < bytes.length
        && (bytes[index] == ' '
            || bytes[index] == '\t'
            || bytes[index] == '\n'
            || bytes[index] == '\r')) {
      index++;
    }
    long offset = parser.currentTokenLocation().getByteOffset();
    return offset < 0 ? null : new Deferral(bytes, (int) (index - offset));
  }

  private static JsonNode readDocument(JsonParser parser, Deferral deferral) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      return null;
    }
    JsonNode root =
        token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
            ? container(parser, token, deferral == null ? null : anchored(deferral, parser))
            : scalar(parser, token);
    if (parser.nextToken() != null) {
      throw new JsonParseException(
          parser, "trailing token after the JSON value", parser.currentTokenLocation());
    }
    return root;
  }

  /** The first JSON value of the text (what follows it is not read), or null when none. */
  static JsonNode readValue(String text) throws IOException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      return readValue(parser);
    }
  }

  private static JsonNode readValue(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      return null;
    }
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      return container(parser, token, null);
    }
    return scalar(parser, token);
  }

  // where a container sits in a plan, for the deferral: planned_values.root_module, then
  // child_modules[*] below it, each with resources[*].values and .sensitive_values
  private static final int OTHER = 0;
  private static final int ROOT = 1;
  private static final int PLANNED = 2;
  private static final int MODULE = 3;
  private static final int MODULES = 4;
  private static final int RESOURCES = 5;
  private static final int RESOURCE = 6;

  private static int role(int parent, String name) {
    switch (parent) {
      case ROOT:
        return "planned_values".equals(name) ? PLANNED : OTHER;
      case PLANNED:
        return "root_module".equals(name) ? MODULE : OTHER;
      case MODULE:
        if ("resources".equals(name)) {
          return RESOURCES;
        }
        return "child_modules".equals(name) ? MODULES : OTHER;
      case MODULES:
        return name == null ? MODULE : OTHER;
      case RESOURCES:
        return name == null ? RESOURCE : OTHER;
      default:
        return OTHER;
    }
  }

  // skips the container the parser is at: its bytes stand in for it
  private static JsonNode defer(JsonParser parser, Deferral deferral) throws IOException {
    long start = parser.currentTokenLocation().getByteOffset();
    parser.skipChildren();
    long end = parser.currentTokenLocation().getByteOffset() + 1;
    int offset = (int) start + deferral.base();
    byte[] bytes = deferral.bytes();
    int last = (int) end - 1 + deferral.base();
    if (start < 0
        || offset >= bytes.length
        || last >= bytes.length
        || (bytes[offset] != '{' && bytes[offset] != '[')
        || (bytes[last] != '}' && bytes[last] != ']')) {
      throw new IllegalStateException("a deferred value is not where the parser says: " + start);
    }
    return NODES.pojoNode(new Deferred(deferral.bytes(), offset, (int) (end - start)));
  }

  // without recursion, so nesting depth is bounded by the parser's limit only, as in databind
  private static JsonNode container(JsonParser parser, JsonToken first, Deferral deferral)
      throws IOException {
    ContainerNode<?> root =
        first == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
    List<ContainerNode<?>> open = new ArrayList<>();
    // the roles of the open containers, parallel to open; all OTHER without a deferral
    int[] roles = new int[16];
    int role = deferral == null ? OTHER : ROOT;
    ContainerNode<?> current = root;
    while (current != null) {
      ContainerNode<?> child = null;
      int childRole = OTHER;
      if (current instanceof ObjectNode object) {
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
          JsonToken token = parser.nextToken();
          if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            if (role == RESOURCE && ("values".equals(name) || "sensitive_values".equals(name))) {
              object.replace(name, defer(parser, deferral));
              continue;
            }
            child = token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
            childRole = role == OTHER ? OTHER : role(role, name);
            object.replace(name, child);
            break;
          }
          object.replace(name, scalar(parser, token));
        }
      } else {
        ArrayNode array = (ArrayNode) current;
        for (JsonToken token = parser.nextToken();
            token != JsonToken.END_ARRAY;
            token = parser.nextToken()) {
          if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            child = token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
            childRole = role == OTHER ? OTHER : role(role, null);
            array.add(child);
            break;
          }
          array.add(scalar(parser, token));
        }
      }
      if (child != null) {
        if (open.size() == roles.length) {
          roles = Arrays.copyOf(roles, roles.length * 2);
        }
        roles[open.size()] = role;
        open.add(current);
        current = child;
        role = childRole;
      } else if (open.isEmpty()) {
        current = null;
      } else {
        current = open.remove(open.size() - 1);
        role = roles[open.size()];
      }
    }
    return root;
  }

  private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
    if (token == null) {
      throw new JsonParseException(parser, "unexpected end-of-input", parser.currentLocation());
    }
    switch (token) {
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return parser.getNumberTypeFP() == JsonParser.NumberTypeFP.FLOAT32
            ? NODES.numberNode(parser.getFloatValue())
            : NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
        return BooleanNode.TRUE;
      case VALUE_FALSE:
        return BooleanNode.FALSE;
      case VALUE_NULL:
        return NullNode.getInstance();
      default:
        throw new JsonParseException(
            parser, "unexpected token " + token, parser.currentTokenLocation());
    }
  }
}
