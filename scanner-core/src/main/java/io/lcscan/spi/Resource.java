package io.lcscan.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One cloud resource in the normalized form every provider emits and every control reads.
 *
 * <p>{@code attributes} follow the JSON Schema of the type in {@code config/types/}. An attribute
 * the source could not know stays absent; {@code unknownAttributes} names the paths that a plan
 * leaves unknown until apply, so the engine can say why it gave ERROR.
 *
 * @param classification set by a provider only when it knows better than the tags; the engine
 *     otherwise derives it from the configured classification tag
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Resource(
    String provider,
    String account,
    String region,
    String type,
    String id,
    String name,
    Map<String, String> tags,
    Classification classification,
    ObjectNode attributes,
    List<ResourceRef> references,
    Set<String> unknownAttributes,
    ResourceSource source,
    ResourceChange change) {

  public Resource {
    requireNonNull(provider, "provider is null");
    requireNonNull(type, "type is null");
    requireNonNull(id, "id is null");
    account = account == null ? "" : account;
    region = region == null ? "global" : region;
    name = name == null ? id : name;
    tags = tags == null ? Map.of() : Map.copyOf(new TreeMap<>(tags));
    attributes = attributes == null ? JsonNodeFactory.instance.objectNode() : attributes;
    references = references == null ? List.of() : List.copyOf(references);
    unknownAttributes = unknownAttributes == null ? Set.of() : Set.copyOf(unknownAttributes);
  }

  /** A resource without a known change, as live collectors emit it. */
  public Resource(
      String provider,
      String account,
      String region,
      String type,
      String id,
      String name,
      Map<String, String> tags,
      Classification classification,
      ObjectNode attributes,
      List<ResourceRef> references,
      Set<String> unknownAttributes,
      ResourceSource source) {
    this(
        provider,
        account,
        region,
        type,
        id,
        name,
        tags,
        classification,
        attributes,
        references,
        unknownAttributes,
        source,
        null);
  }

  /** Case-insensitive tag lookup, as AWS and Azure tag keys are matched that way. */
  public String tag(String key) {
    String exact = tags.get(key);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, String> entry : tags.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(key)) {
        return entry.getValue();
      }
    }
    return null;
  }

  public Resource withClassification(Classification value) {
    return new Resource(
        provider,
        account,
        region,
        type,
        id,
        name,
        tags,
        value,
        attributes,
        references,
        unknownAttributes,
        source,
        change);
  }

  public static Builder builder(String provider, String type, String id) {
    return new Builder(provider, type, id);
  }

  /** Builder for collectors, which fill a resource field by field. */
  public static final class Builder {
    private final String provider;
    private final String type;
    private final String id;
    private String account;
    private String region;
    private String name;
    private Map<String, String> tags = new TreeMap<>();
    private Classification classification;
    private ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    private final List<ResourceRef> references = new java.util.ArrayList<>();
    private final Set<String> unknownAttributes = new java.util.TreeSet<>();
    private ResourceSource source;
    private ResourceChange change;

    private Builder(String provider, String type, String id) {
      this.provider = provider;
      this.type = type;
      this.id = id;
    }

    public Builder account(String value) {
      this.account = value;
      return this;
    }

    public Builder region(String value) {
      this.region = value;
      return this;
    }

    public Builder name(String value) {
      this.name = value;
      return this;
    }

    public Builder tags(Map<String, String> value) {
      this.tags = new TreeMap<>(value);
      return this;
    }

    public Builder tag(String key, String value) {
      this.tags.put(key, value);
      return this;
    }

    public Builder classification(Classification value) {
      this.classification = value;
      return this;
    }

    public Builder attributes(ObjectNode value) {
      this.attributes = value;
      return this;
    }

    public ObjectNode attributes() {
      return attributes;
    }

    public Builder reference(String relation, String targetType, String targetId) {
      references.add(new ResourceRef(relation, targetType, targetId));
      return this;
    }

    public Builder unknown(String attributePath) {
      unknownAttributes.add(attributePath);
      return this;
    }

    public Builder source(ResourceSource value) {
      this.source = value;
      return this;
    }

    public Builder change(ResourceChange value) {
      this.change = value;
      return this;
    }

    public Resource build() {
      return new Resource(
          provider,
          account,
          region,
          type,
          id,
          name,
          tags,
          classification,
          attributes,
          references,
          unknownAttributes,
          source,
          change);
    }
  }
}
