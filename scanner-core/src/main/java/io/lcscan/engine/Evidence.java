package io.lcscan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The evidence of a finding: attribute paths and their values, in the order the rule lists them. An
 * immutable map over two arrays, as one is made for almost every finding.
 */
final class Evidence extends AbstractMap<String, JsonNode> {
  private final String[] paths;
  private final JsonNode[] values;
  private final int size;

  Evidence(String[] paths, JsonNode[] values, int size) {
    this.paths = paths;
    this.values = values;
    this.size = size;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public JsonNode get(Object key) {
    for (int i = 0; i < size; i++) {
      if (paths[i].equals(key)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Entry<String, JsonNode>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Entry<String, JsonNode>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Entry<String, JsonNode> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(paths[i], values[i]);
          }
        };
      }
    };
  }
}
