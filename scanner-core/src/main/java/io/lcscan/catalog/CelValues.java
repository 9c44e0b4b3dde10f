package io.lcscan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Converts JSON trees to the values CEL evaluates. Objects and arrays become {@link CelMap} and
 * {@link CelList} views over the tree, converted lazily as a rule reads them: a rule reads a few
 * attributes of a resource, so converting the whole tree up front would cost more than the
 * evaluation. The tree must not change while a view of it is in use. A view remembers the views of
 * its members it has handed out, so it is not safe for concurrent use.
 */
public final class CelValues {
  private CelValues() {}

  public static Object fromJson(JsonNode node) {
    if (node == null) {
      return NullValue.NULL_VALUE;
    }
    switch (node.getNodeType()) {
      case OBJECT:
        return new CelMap(new ObjectView(node));
      case ARRAY:
        return new CelList(new ArrayView(node));
      case BOOLEAN:
        return node.booleanValue();
      case NUMBER:
        if (node.isIntegralNumber() && node.canConvertToLong()) {
          return node.longValue();
        }
        return node.doubleValue();
      case STRING:
        return node.textValue();
      case NULL:
      case MISSING:
        return NullValue.NULL_VALUE;
      default:
        return node.asText();
    }
  }

  /**
   * The tree converted in full, up front, into immutable values: for values shared between
   * evaluations that may run concurrently (settings), where the lazy views of {@link #fromJson}
   * would not be safe.
   */
  public static Object fromJsonEagerly(JsonNode node) {
    if (node != null && node.isObject()) {
      Map<String, Object> values = new java.util.LinkedHashMap<>();
      node.properties()
          .forEach(field -> values.put(field.getKey(), fromJsonEagerly(field.getValue())));
      return new CelMap(java.util.Collections.unmodifiableMap(values));
    }
    if (node != null && node.isArray()) {
      java.util.List<Object> values = new java.util.ArrayList<>(node.size());
      node.forEach(element -> values.add(fromJsonEagerly(element)));
      return new CelList(java.util.Collections.unmodifiableList(values));
    }
    return fromJson(node);
  }

  /** A map tree's value at a dotted path, or null when a step is absent. */
  public static Object at(Object root, String dottedPath) {
    Object current = root;
    for (String segment : dottedPath.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(segment);
    }
    return current;
  }

  private static final class ObjectView extends AbstractMap<String, Object> {
    private final JsonNode node;

    /** Views of the object and array members read so far: rules read the same paths often. */
    private Map<String, Object> containers;

    ObjectView(JsonNode node) {
      this.node = node;
    }

    @Override
    public Object get(Object key) {
      if (!(key instanceof String name)) {
        return null;
      }
      JsonNode child = node.get(name);
      if (child == null) {
        return null;
      }
      if (!child.isContainerNode()) {
        return fromJson(child);
      }
      if (containers == null) {
        containers = new HashMap<>(4);
      }
      Object view = containers.get(name);
      if (view == null) {
        view = fromJson(child);
        containers.put(name, view);
      }
      return view;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String name && node.has(name);
    }

    @Override
    public int size() {
      return node.size();
    }

    @Override
    public boolean isEmpty() {
      return node.isEmpty();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return fields.hasNext();
            }

            @Override
            public Entry<String, Object> next() {
              Map.Entry<String, JsonNode> field = fields.next();
              return new SimpleImmutableEntry<>(field.getKey(), fromJson(field.getValue()));
            }
          };
        }

        @Override
        public int size() {
          return node.size();
        }
      };
    }
  }

  private static final class ArrayView extends AbstractList<Object> {
    private final JsonNode node;

    ArrayView(JsonNode node) {
      this.node = node;
    }

    @Override
    public Object get(int index) {
      if (index < 0 || index >= node.size()) {
        throw new IndexOutOfBoundsException(index);
      }
      return fromJson(node.get(index));
    }

    @Override
    public int size() {
      return node.size();
    }
  }
}
