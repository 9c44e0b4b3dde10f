package io.lcscan.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.catalog.CatalogException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Auditor attestations for MANUAL controls ({@code config/attestations.yaml}): evidence that a
 * procedure was carried out, valid until it expires.
 */
public final class Attestations {
  private static final Set<String> KEYS =
      Set.of("control", "account", "resource", "reference", "attestedBy", "date", "expires");

  private final List<Attestation> attestations;

  public Attestations(List<Attestation> attestations) {
    this.attestations = List.copyOf(requireNonNull(attestations, "attestations is null"));
  }

  public static Attestations empty() {
    return new Attestations(List.of());
  }

  /**
   * One attestation. {@code account} is an account id or {@code *}; {@code resource} is a glob over
   * resource ids, for controls with manual types ({@code *} when absent).
   */
  public record Attestation(
      String control,
      String account,
      String resource,
      String reference,
      String attestedBy,
      LocalDate date,
      LocalDate expires) {

    public boolean matches(String controlId, String accountId, String resourceId) {
      return control.equals(controlId)
          && ("*".equals(account) || account.equals(accountId))
          && (resourceId == null || Glob.of(resource).matches(resourceId));
    }

    public boolean lapsed(LocalDate today) {
      return today.isAfter(expires);
    }
  }

  public List<Attestation> attestations() {
    return attestations;
  }

  /** The attestation for a manual finding: an unexpired one if any, else the latest lapsed. */
  public Optional<Attestation> find(
      String controlId, String account, String resourceId, LocalDate today) {
    List<Attestation> matching =
        attestations.stream()
            .filter(attestation -> attestation.matches(controlId, account, resourceId))
            .toList();
    Optional<Attestation> active =
        matching.stream()
            .filter(attestation -> !attestation.lapsed(today))
            .max(Comparator.comparing(Attestation::expires));
    return active.isPresent()
        ? active
        : matching.stream().max(Comparator.comparing(Attestation::expires));
  }

  public static Attestations fromJson(JsonNode node) {
    List<CatalogException> problems = new ArrayList<>();
    Attestations attestations = parse(node, new Fields("attestations", problems));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return attestations;
  }

  static Attestations parse(JsonNode root, Fields fields) {
    JsonNode list = root;
    String pointer = "";
    if (root != null && root.isObject()) {
      fields.unknownKeys(root, "", Set.of("attestations"));
      list = root.get("attestations");
      pointer = "/attestations";
    }
    List<Attestation> result = new ArrayList<>();
    if (list == null || list.isNull()) {
      return new Attestations(result);
    }
    if (!list.isArray()) {
      fields.problem(pointer, "'attestations' must be a list");
      return new Attestations(result);
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String at = pointer + "/" + i;
      if (!node.isObject()) {
        fields.problem(at, "an attestation must be a mapping");
        continue;
      }
      fields.unknownKeys(node, at, KEYS);
      String control = fields.string(node, at, "control");
      String account = node.has("account") ? fields.string(node, at, "account") : "*";
      String resource = node.has("resource") ? fields.string(node, at, "resource") : "*";
      String reference = fields.string(node, at, "reference");
      String attestedBy = fields.string(node, at, "attestedBy");
      LocalDate date = fields.date(node, at, "date");
      LocalDate expires = fields.date(node, at, "expires");
      if (control != null
          && account != null
          && resource != null
          && reference != null
          && attestedBy != null
          && date != null
          && expires != null) {
        result.add(
            new Attestation(control, account, resource, reference, attestedBy, date, expires));
      }
    }
    return new Attestations(result);
  }
}
