package io.lcscan.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.catalog.CatalogException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML file as a JSON tree that remembers the line of every key and item, so that a problem can
 * name {@code file:line}. Anchors and aliases are resolved; timestamps stay text.
 */
public final class YamlDocument {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String file;
  private final JsonNode root;
  private final Map<String, Integer> lines;

  private YamlDocument(String file, JsonNode root, Map<String, Integer> lines) {
    this.file = file;
    this.root = root;
    this.lines = lines;
  }

  /** Parses a file; a syntax error or a duplicate key is a {@link CatalogException}. */
  public static YamlDocument parse(String file, byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    Node node;
    try {
      node = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      String context = e.getContext() != null ? e.getContext() + ": " : "";
      throw new CatalogException(file, line, "YAML syntax error: " + oneLine(context + problem));
    } catch (YAMLException e) {
      throw new CatalogException(file, 0, "YAML error: " + oneLine(e.getMessage()));
    }
    Map<String, Integer> lines = new HashMap<>();
    if (node == null) {
      return new YamlDocument(file, NODES.objectNode(), lines);
    }
    JsonNode root = convert(file, node, "", lines);
    return new YamlDocument(file, root, lines);
  }

  /**
   * A document from a tree the build parsed ({@link PrebuiltCatalog}). It knows no lines: it is
   * used only for a file that loaded without a problem, and a load that finds one starts over from
   * the files.
   */
  static YamlDocument of(String file, JsonNode root) {
    return new YamlDocument(file, root, Map.of());
  }

  private static JsonNode convert(
      String file, Node node, String pointer, Map<String, Integer> lines) {
    lines.putIfAbsent(pointer, node.getStartMark().getLine() + 1);
    if (node instanceof MappingNode mapping) {
      ObjectNode object = NODES.objectNode();
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalarKey)) {
          throw new CatalogException(
              file, keyNode.getStartMark().getLine() + 1, "a key must be a plain value");
        }
        String key = scalarKey.getValue();
        if (object.has(key)) {
          throw new CatalogException(
              file, keyNode.getStartMark().getLine() + 1, "duplicate key '" + key + "'");
        }
        String child = pointer + "/" + escape(key);
        lines.put(child, keyNode.getStartMark().getLine() + 1);
        object.set(key, convert(file, tuple.getValueNode(), child, lines));
      }
      return object;
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = NODES.arrayNode();
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        String child = pointer + "/" + i;
        lines.put(child, items.get(i).getStartMark().getLine() + 1);
        array.add(convert(file, items.get(i), child, lines));
      }
      return array;
    }
    ScalarNode scalar = (ScalarNode) node;
    return scalar(scalar);
  }

  private static JsonNode scalar(ScalarNode scalar) {
    String value = scalar.getValue();
    Tag tag = scalar.getTag();
    if (Tag.NULL.equals(tag)) {
      return NODES.nullNode();
    }
    if (Tag.BOOL.equals(tag)) {
      String lower = value.toLowerCase(Locale.ROOT);
      return NODES.booleanNode(
          lower.equals("true") || lower.equals("yes") || lower.equals("on") || lower.equals("y"));
    }
    if (Tag.INT.equals(tag)) {
      String digits = value.replace("_", "");
      try {
        return NODES.numberNode(Long.parseLong(digits));
      } catch (NumberFormatException e) {
        try {
          return NODES.numberNode(new BigInteger(digits));
        } catch (NumberFormatException notDecimal) {
          return NODES.textNode(value);
        }
      }
    }
    if (Tag.FLOAT.equals(tag)) {
      try {
        return NODES.numberNode(Double.parseDouble(value.replace("_", "")));
      } catch (NumberFormatException e) {
        return NODES.textNode(value);
      }
    }
    // Timestamps and everything else stay text: dates are compared as written.
    return NODES.textNode(value);
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  public String file() {
    return file;
  }

  public JsonNode root() {
    return root;
  }

  public JsonNode at(String pointer) {
    return root.at(JsonPointer.compile(pointer));
  }

  /** The line of the key or item at {@code pointer}, else of its nearest ancestor. */
  public int line(String pointer) {
    String current = pointer;
    while (true) {
      Integer line = lines.get(current);
      if (line != null) {
        return line;
      }
      int slash = current.lastIndexOf('/');
      if (slash < 0) {
        return 1;
      }
      current = current.substring(0, slash);
    }
  }

  public CatalogException error(String pointer, String problem) {
    return new CatalogException(file, line(pointer), problem);
  }
}
