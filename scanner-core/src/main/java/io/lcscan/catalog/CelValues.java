package io.lcscan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Converts JSON trees to the values CEL evaluates. Objects and arrays become {@link CelMap} and
 * {@link CelList} views over the tree, converted lazily as a rule reads them: a rule reads a few
 * attributes of a resource, so converting the whole tree up front would cost more than the
 * evaluation. The tree must not change while a view of it is in use.
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

    ObjectView(JsonNode node) {
      this.node = node;
    }

    @Override
    public Object get(Object key) {
      if (!(key instanceof String name)) {
        return null;
      }
      JsonNode child = node.get(name);
      return child == null ? null : fromJson(child);
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
