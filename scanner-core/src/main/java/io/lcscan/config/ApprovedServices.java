package io.lcscan.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.catalog.CatalogException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The approved-services register ({@code config/approved-services.yaml}): which services and
 * regions the agency approved, until when, and which are within the provider's ISMAP listing.
 */
public final class ApprovedServices {
  private static final Set<String> KEYS =
      Set.of(
          "id",
          "match",
          "provider",
          "name",
          "regions",
          "approvalReference",
          "approver",
          "expires",
          "ismap",
          "notes");

  private final List<Entry> entries;

  public ApprovedServices(List<Entry> entries) {
    this.entries = List.copyOf(requireNonNull(entries, "entries is null"));
  }

  public static ApprovedServices empty() {
    return new ApprovedServices(List.of());
  }

  /** One register entry. {@code match} is a resource-type glob such as {@code aws.s3.*}. */
  public record Entry(
      String id,
      String match,
      String provider,
      String name,
      List<String> regions,
      String approvalReference,
      String approver,
      LocalDate expires,
      boolean ismapListed,
      String ismapRegistrationId) {
    public Entry {
      regions = List.copyOf(regions);
    }

    boolean matchesType(String type) {
      return Glob.of(match).matches(type);
    }

    boolean coversRegion(String region, Set<String> globalRegions) {
      if (regions.contains("*") || regions.contains(region)) {
        return true;
      }
      return globalRegions.contains(region) && regions.contains("global");
    }
  }

  public enum Status {
    APPROVED,
    UNAPPROVED,
    REGION,
    EXPIRED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The register's answer for one resource. {@code entry} is null when no entry matches. */
  public record Approval(Status status, Entry entry) {}

  public List<Entry> entries() {
    return entries;
  }

  /** Looks up a resource type in a region on {@code today}. */
  public Approval lookup(String type, String region, Set<String> globalRegions, LocalDate today) {
    List<Entry> matching = entries.stream().filter(entry -> entry.matchesType(type)).toList();
    if (matching.isEmpty()) {
      return new Approval(Status.UNAPPROVED, null);
    }
    List<Entry> inRegion =
        matching.stream().filter(entry -> entry.coversRegion(region, globalRegions)).toList();
    if (inRegion.isEmpty()) {
      return new Approval(Status.REGION, matching.get(0));
    }
    for (Entry entry : inRegion) {
      if (!today.isAfter(entry.expires())) {
        return new Approval(Status.APPROVED, entry);
      }
    }
    Entry latest = inRegion.stream().max(Comparator.comparing(Entry::expires)).orElseThrow();
    return new Approval(Status.EXPIRED, latest);
  }

  /** Builds a register from a {@code services} list (or a document holding one). */
  public static ApprovedServices fromJson(JsonNode node) {
    List<CatalogException> problems = new ArrayList<>();
    ApprovedServices services = parse(node, new Fields("approvedServices", problems));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return services;
  }

  static ApprovedServices parse(JsonNode root, Fields fields) {
    JsonNode list = root;
    String pointer = "";
    if (root != null && root.isObject()) {
      fields.unknownKeys(root, "", Set.of("services"));
      list = root.get("services");
      pointer = "/services";
    }
    List<Entry> entries = new ArrayList<>();
    if (list == null || list.isNull()) {
      return new ApprovedServices(entries);
    }
    if (!list.isArray()) {
      fields.problem(pointer, "'services' must be a list");
      return new ApprovedServices(entries);
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String at = pointer + "/" + i;
      if (!node.isObject()) {
        fields.problem(at, "a register entry must be a mapping");
        continue;
      }
      fields.unknownKeys(node, at, KEYS);
      String id = fields.string(node, at, "id");
      String match = fields.string(node, at, "match");
      String reference = fields.string(node, at, "approvalReference");
      String approver = fields.string(node, at, "approver");
      LocalDate expires = fields.date(node, at, "expires");
      List<String> regions = fields.strings(node, at, "regions");
      if (regions.isEmpty()) {
        fields.problem(at, "entry " + id + " has no 'regions'");
      }
      JsonNode ismap = node.path("ismap");
      if (id != null && match != null && reference != null && approver != null && expires != null) {
        entries.add(
            new Entry(
                id,
                match,
                fields.optionalString(node, "provider"),
                fields.optionalString(node, "name"),
                regions,
                reference,
                approver,
                expires,
                ismap.path("listed").asBoolean(false),
                ismap.path("registrationId").isValueNode()
                    ? ismap.path("registrationId").asText()
                    : null));
      }
    }
    return new ApprovedServices(entries);
  }
}
