package io.lcscan.engine;

import io.lcscan.catalog.CelList;
import io.lcscan.catalog.CelMap;
import io.lcscan.catalog.CelValues;
import io.lcscan.spi.Classification;
import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceChange;
import io.lcscan.spi.ResourceRef;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A resource as the CEL variable {@code resource} sees it. Fields are read from the resource when a
 * rule asks for them, so preparing a resource for evaluation allocates almost nothing.
 */
final class ResourceValue extends AbstractMap<String, Object> {
  private static final List<String> KEYS =
      List.of(
          "provider",
          "account",
          "region",
          "type",
          "id",
          "name",
          "tags",
          "classification",
          "attributes",
          "references");
  private static final List<String> KEYS_WITH_CHANGE = with(KEYS, "change");

  private final Resource resource;
  private final String classification;
  private Object tags;
  private Object attributes;
  private Object references;
  private Object change;
  private final List<String> keys;

  private ResourceValue(Resource resource, Classification classification) {
    this.resource = resource;
    this.classification = classification.name();
    this.keys = resource.change() == null ? KEYS : KEYS_WITH_CHANGE;
  }

  private static List<String> with(List<String> keys, String key) {
    List<String> all = new ArrayList<>(keys);
    all.add(key);
    return List.copyOf(all);
  }

  static CelMap of(Resource resource, Classification classification) {
    return new CelMap(new ResourceValue(resource, classification));
  }

  @Override
  public Object get(Object key) {
    if (!(key instanceof String name)) {
      return null;
    }
    switch (name) {
      case "provider":
        return resource.provider();
      case "account":
        return resource.account();
      case "region":
        return resource.region();
      case "type":
        return resource.type();
      case "id":
        return resource.id();
      case "name":
        return resource.name();
      case "classification":
        return classification;
      case "tags":
        if (tags == null) {
          tags = tags(resource.tags());
        }
        return tags;
      case "attributes":
        if (attributes == null) {
          attributes = CelValues.fromJson(resource.attributes());
        }
        return attributes;
      case "references":
        if (references == null) {
          references = references(resource.references());
        }
        return references;
      case "change":
        if (change == null && resource.change() != null) {
          change = change(resource.change());
        }
        return change;
      default:
        return null;
    }
  }

  /** Tag keys lowercased, as tags match case-insensitively. */
  private static CelMap tags(Map<String, String> tags) {
    boolean lowercase = true;
    for (String key : tags.keySet()) {
      if (!key.equals(key.toLowerCase(Locale.ROOT))) {
        lowercase = false;
        break;
      }
    }
    if (lowercase) {
      @SuppressWarnings("unchecked")
      Map<String, Object> same = (Map<String, Object>) (Map<String, ?>) tags;
      return new CelMap(same);
    }
    Map<String, Object> lowered = new HashMap<>(tags.size() * 2);
    tags.forEach((key, value) -> lowered.put(key.toLowerCase(Locale.ROOT), value));
    return new CelMap(lowered);
  }

  /** {@code {actions, before: {region, tags, attributes}}}; no {@code before} for a create. */
  private static CelMap change(ResourceChange change) {
    Map<String, Object> value = new HashMap<>(4);
    value.put("actions", new CelList(new ArrayList<>(change.actions())));
    ResourceChange.Prior before = change.before();
    if (before != null) {
      Map<String, Object> prior = new HashMap<>(4);
      prior.put("region", before.region() == null ? "global" : before.region());
      prior.put("tags", tags(before.tags()));
      prior.put(
          "attributes",
          before.attributes() == null
              ? new CelMap(Map.of())
              : CelValues.fromJson(before.attributes()));
      value.put("before", new CelMap(prior));
    }
    return new CelMap(value);
  }

  private static CelList references(List<ResourceRef> refs) {
    List<Object> values = new ArrayList<>(refs.size());
    for (ResourceRef ref : refs) {
      Map<String, Object> value = new HashMap<>(8);
      value.put("relation", ref.relation());
      value.put("type", ref.type() == null ? "" : ref.type());
      value.put("id", ref.id());
      values.add(new CelMap(value));
    }
    return new CelList(values);
  }

  @Override
  public boolean containsKey(Object key) {
    return keys.contains(key);
  }

  @Override
  public int size() {
    return keys.size();
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        Iterator<String> names = keys.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return names.hasNext();
          }

          @Override
          public Entry<String, Object> next() {
            String key = names.next();
            return new SimpleImmutableEntry<>(key, get(key));
          }
        };
      }

      @Override
      public int size() {
        return keys.size();
      }
    };
  }
}
