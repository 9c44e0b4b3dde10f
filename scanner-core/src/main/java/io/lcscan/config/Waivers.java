package io.lcscan.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.catalog.CatalogException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Waivers (例外措置) from {@code config/waivers.yaml}: one control on resources whose id matches a
 * glob, until the waiver expires.
 */
public final class Waivers {
  private static final Set<String> KEYS =
      Set.of("id", "control", "resource", "reason", "approver", "ticket", "expires");

  private final List<Waiver> waivers;

  public Waivers(List<Waiver> waivers) {
    this.waivers = List.copyOf(requireNonNull(waivers, "waivers is null"));
  }

  public static Waivers empty() {
    return new Waivers(List.of());
  }

  /** One waiver; {@code resource} is a glob over resource ids. */
  public record Waiver(
      String id,
      String control,
      String resource,
      String reason,
      String approver,
      String ticket,
      LocalDate expires) {

    public boolean matches(String controlId, String resourceId) {
      return control.equals(controlId) && Glob.of(resource).matches(resourceId);
    }

    public boolean lapsed(LocalDate today) {
      return today.isAfter(expires);
    }
  }

  public List<Waiver> waivers() {
    return waivers;
  }

  /** The waiver for a finding: an unexpired one if any, else the latest lapsed one. */
  public Optional<Waiver> find(String controlId, String resourceId, LocalDate today) {
    Waiver active = null;
    Waiver lapsed = null;
    for (Waiver waiver : waivers) {
      if (!waiver.matches(controlId, resourceId)) {
        continue;
      }
      if (!waiver.lapsed(today)) {
        if (active == null || waiver.expires().isAfter(active.expires())) {
          active = waiver;
        }
      } else if (lapsed == null || waiver.expires().isAfter(lapsed.expires())) {
        lapsed = waiver;
      }
    }
    return Optional.ofNullable(active != null ? active : lapsed);
  }

  public static Waivers fromJson(JsonNode node) {
    List<CatalogException> problems = new ArrayList<>();
    Waivers waivers = parse(node, new Fields("waivers", problems));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return waivers;
  }

  static Waivers parse(JsonNode root, Fields fields) {
    JsonNode list = root;
    String pointer = "";
    if (root != null && root.isObject()) {
      fields.unknownKeys(root, "", Set.of("waivers"));
      list = root.get("waivers");
      pointer = "/waivers";
    }
    List<Waiver> result = new ArrayList<>();
    if (list == null || list.isNull()) {
      return new Waivers(result);
    }
    if (!list.isArray()) {
      fields.problem(pointer, "'waivers' must be a list");
      return new Waivers(result);
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String at = pointer + "/" + i;
      if (!node.isObject()) {
        fields.problem(at, "a waiver must be a mapping");
        continue;
      }
      fields.unknownKeys(node, at, KEYS);
      String id = fields.string(node, at, "id");
      String control = fields.string(node, at, "control");
      String resource = fields.string(node, at, "resource");
      String reason = fields.string(node, at, "reason");
      String approver = fields.string(node, at, "approver");
      String ticket = fields.optionalString(node, "ticket");
      LocalDate expires = fields.date(node, at, "expires");
      if (id != null
          && control != null
          && resource != null
          && reason != null
          && approver != null
          && expires != null) {
        result.add(new Waiver(id, control, resource, reason, approver, ticket, expires));
      }
    }
    return new Waivers(result);
  }
}
