package io.lcscan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lcscan.provider.common.Redactor;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Redacts an inventory before it is evaluated, reported or bundled, whatever read it. Live scans
 * redact as they collect; a Terraform plan only hides the values it marks sensitive, and an
 * inventory file may come from anywhere, so a tag such as {@code db_password} or a connection
 * string in an attribute would otherwise reach the reports and the evidence bundle.
 *
 * <p>Unlike {@link Redactor#redactJson}, a container under a secret-looking name is walked, not
 * blanked: normalized attributes such as {@code credentials[].endAt} (an Entra application's secret
 * expiry dates) are what the rules read, and hold no secret themselves.
 */
final class InventoryRedaction {

  private InventoryRedaction() {}

  static Inventory redact(Inventory inventory) {
    List<Resource> resources = new ArrayList<>(inventory.resources().size());
    boolean changed = false;
    // whether a tag key names a secret, per key: an inventory repeats the same few keys
    Map<String, Boolean> secretKeys = new HashMap<>();
    for (Resource resource : inventory.resources()) {
      Resource redacted = redact(resource, secretKeys);
      changed |= redacted != resource;
      resources.add(redacted);
    }
    List<CoverageGap> gaps = new ArrayList<>(inventory.gaps().size());
    for (CoverageGap gap : inventory.gaps()) {
      String detail = Redactor.redactText(gap.detail());
      if (detail != null && !detail.equals(gap.detail())) {
        changed = true;
        gap =
            new CoverageGap(
                gap.provider(),
                gap.account(),
                gap.region(),
                gap.resourceType(),
                gap.service(),
                gap.reason(),
                detail);
      }
      gaps.add(gap);
    }
    if (!changed) {
      return inventory;
    }
    return new Inventory(
        inventory.schemaVersion(), inventory.metadata(), resources, gaps, inventory.calls());
  }

  private static Resource redact(Resource resource, Map<String, Boolean> secretKeys) {
    Map<String, String> tags = redactTags(resource.tags(), secretKeys);
    ObjectNode attributes = redactObject(resource.attributes());
    ResourceChange change = resource.change();
    if (change != null && change.before() != null) {
      ResourceChange.Prior before = change.before();
      Map<String, String> priorTags = redactTags(before.tags(), secretKeys);
      ObjectNode priorAttributes =
          before.attributes() == null ? null : redactObject(before.attributes());
      if (priorTags != before.tags() || priorAttributes != before.attributes()) {
        change =
            new ResourceChange(
                change.actions(),
                new ResourceChange.Prior(before.region(), priorTags, priorAttributes));
      }
    }
    if (tags == resource.tags()
        && attributes == resource.attributes()
        && change == resource.change()) {
      return resource;
    }
    return new Resource(
        resource.provider(),
        resource.account(),
        resource.region(),
        resource.type(),
        resource.id(),
        resource.name(),
        tags,
        resource.classification(),
        attributes,
        resource.references(),
        resource.unknownAttributes(),
        resource.source(),
        change);
  }

  /** The same map when nothing needed redaction, so unchanged resources are not copied. */
  private static Map<String, String> redactTags(
      Map<String, String> tags, Map<String, Boolean> secretKeys) {
    Map<String, String> result = null;
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String value = tag.getValue();
      String redacted =
          secretTag(tag.getKey(), value, secretKeys)
              ? Redactor.REDACTED
              : Redactor.redactText(value);
      if (redacted != null && !redacted.equals(value)) {
        if (result == null) {
          result = new TreeMap<>(tags);
        }
        result.put(tag.getKey(), redacted);
      }
    }
    return result == null ? tags : result;
  }

  /**
   * Tag keys are free text no rule reads for a secret, so any key the redactor would treat as
   * naming one in {@code key=value} text counts ({@code api_token}, {@code db-password-old}), not
   * only the attribute names of {@link Redactor#isSecretName}.
   */
  private static boolean secretTag(String key, String value, Map<String, Boolean> secretKeys) {
    if (value == null || value.isEmpty() || value.equals(Redactor.REDACTED)) {
      return false;
    }
    Boolean known = secretKeys.get(key);
    if (known == null) {
      String probe = key + "=x";
      known = Redactor.isSecretName(key) || !Redactor.redactText(probe).equals(probe);
      secretKeys.put(key, known);
    }
    return known;
  }

  private static boolean secret(String name, String value) {
    return value != null && !value.isEmpty() && Redactor.isSecretName(name);
  }

  /** A redacted copy of the object, or the object itself when nothing needed redaction. */
  private static ObjectNode redactObject(ObjectNode object) {
    JsonNode redacted = walk(object, null);
    return (ObjectNode) redacted;
  }

  // copy-on-write: a node is copied only when something under it changes
  private static JsonNode walk(JsonNode node, String name) {
    if (node.isTextual()) {
      String text = node.textValue();
      if (name != null && secret(name, text)) {
        return text.equals(Redactor.REDACTED) ? node : TextNode.valueOf(Redactor.REDACTED);
      }
      String redacted = Redactor.redactText(text);
      return redacted.equals(text) ? node : TextNode.valueOf(redacted);
    }
    if (node.isNumber() && name != null && Redactor.isSecretName(name)) {
      // a PIN or a numeric key is as secret as a textual one
      return TextNode.valueOf(Redactor.REDACTED);
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = null;
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        JsonNode value = field.getValue();
        JsonNode redacted = walk(value, field.getKey());
        if (redacted != value) {
          if (copy == null) {
            copy = object.deepCopy();
          }
          copy.set(field.getKey(), redacted);
        }
      }
      return copy == null ? object : copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = null;
      for (int i = 0; i < array.size(); i++) {
        JsonNode value = array.get(i);
        // an element of a secret-named list, such as passwords: [...], is as secret as the list
        JsonNode redacted = walk(value, name);
        if (redacted != value) {
          if (copy == null) {
            copy = array.deepCopy();
          }
          copy.set(i, redacted);
        }
      }
      return copy == null ? array : copy;
    }
    return node;
  }
}
