package io.lcscan.provider.terraform;

import static io.lcscan.provider.terraform.TerraformAwsMappings.enumText;
import static io.lcscan.provider.terraform.TerraformAwsMappings.texts;
import static io.lcscan.provider.terraform.TerraformMapping.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** google and google-beta provider resource types (and googleworkspace users). */
final class TerraformGoogleMappings {
  private static final Pattern PROJECT_PATH = Pattern.compile("(projects/.*)$");
  private static final Pattern SECONDS = Pattern.compile("^(\\d+)(?:\\.\\d+)?s$");
  private static final Map<String, List<String>> DUAL_REGIONS =
      Map.of(
          "asia1", List.of("asia-northeast1", "asia-northeast2"),
          "eur4", List.of("europe-north1", "europe-west4"),
          "nam4", List.of("us-central1", "us-east1"));
  private static final Set<String> MULTI_REGIONS = Set.of("asia", "eu", "us");

  private TerraformGoogleMappings() {}

  static List<TerraformTypeMapping> all() {
    List<TerraformTypeMapping> all = new ArrayList<>();
    all.add(
        map("googleworkspace_user", "gcp.admin.user")
            .global()
            .bool("suspended", "suspended")
            .bool("archived", "archived")
            .bool("is_admin", "isAdmin")
            .bool("is_delegated_admin", "isDelegatedAdmin")
            .bool("is_enrolled_in_2_step_verification", "isEnrolledIn2Sv")
            .bool("is_enforced_in_2_step_verification", "isEnforcedIn2Sv")
            .text("creation_time", "createdAt")
            .with((c, out) -> out.name(c.values().text("primary_email")))
            .build());
    all.add(dataset());
    all.add(
        map("google_certificate_manager_certificate", "gcp.certificatemanager.certificate")
            .field(
                "managed.0.state",
                "managedState",
                v -> enumText(v, "PROVISIONING", "FAILED", "ACTIVE"))
            .with(
                (c, out) -> {
                  TerraformPlanValues v = c.values();
                  out.put(
                      "certificateType", v.get("managed.0") != null ? "MANAGED" : "SELF_MANAGED");
                  new TerraformListBuilder().strings(v, "san_dnsnames").writeTo(out, "sanDnsnames");
                  String location = v.text("location");
                  out.region(location == null ? "global" : location.toLowerCase(Locale.ROOT));
                })
            .build());
    all.add(function("google_cloudfunctions2_function", "build_config.0.runtime", "GEN_2"));
    all.add(function("google_cloudfunctions_function", "runtime", "GEN_1"));
    all.add(address("google_compute_address"));
    all.add(address("google_compute_global_address"));
    all.add(backendService("google_compute_backend_service"));
    all.add(backendService("google_compute_region_backend_service"));
    all.add(disk("google_compute_disk"));
    all.add(disk("google_compute_region_disk"));
    all.add(firewall());
    all.add(image());
    all.add(instance("google_compute_instance"));
    all.add(instance("google_compute_instance_from_template"));
    all.add(
        map("google_compute_network", "gcp.compute.network")
            .global()
            .text("creation_timestamp", "createdAt")
            .with(
                (c, out) -> {
                  TerraformPlanValues v = c.values();
                  if (v.isUnknown("auto_create_subnetworks")) {
                    out.unknown("mode");
                  } else {
                    out.put(
                        "mode",
                        Boolean.FALSE.equals(v.bool("auto_create_subnetworks"))
                            ? "CUSTOM"
                            : "AUTO");
                  }
                  TerraformListBuilder peerings = new TerraformListBuilder();
                  for (TerraformPart peering : c.companions("google_compute_network_peering")) {
                    peerings.addObject(
                        peering.values(),
                        (p, e) -> {
                          e.text(p, "name", "name");
                          Optional<TerraformTarget> peer = c.reference(peering, "peer_network");
                          if (p.isUnknown("peer_network")) {
                            if (peer.isPresent() && peer.get().inPlan()) {
                              e.put("network", peer.get().address().toString());
                            } else {
                              e.markUnknown();
                            }
                          } else {
                            String network = fullName("compute", p.text("peer_network"));
                            e.put("network", network).put("project", projectOf(network));
                          }
                          if (!p.isUnknown("state")) {
                            e.copy(p, "state", "state", s -> enumText(s, "ACTIVE", "INACTIVE"));
                          }
                        });
                  }
                  peerings.writeTo(out, "peerings");
                })
            .build());
    all.add(
        map("google_compute_node_group", "gcp.compute.nodegroup")
            .text("zone", "zone")
            .text("maintenance_policy", "maintenancePolicy")
            .text("creation_timestamp", "createdAt")
            .with(
                (c, out) -> {
                  TerraformPlanValues v = c.values();
                  Optional<TerraformTarget> template = c.reference(c.self(), "node_template");
                  if (template.isPresent()) {
                    out.put(
                        "nodeTemplate",
                        template.get().inPlan()
                            ? template.get().address().toString()
                            : fullName("compute", template.get().literal()));
                  }
                  for (String size : List.of("initial_size", "size")) {
                    TerraformFieldTable.copy(v, size, out, "size", TerraformFieldTable::asInteger);
                  }
                  zoneRegion(v, out);
                })
            .build());
    all.add(snapshot());
    for (String type :
        List.of("google_compute_ssl_certificate", "google_compute_region_ssl_certificate")) {
      all.add(
          map(type, "gcp.compute.ssl-certificate")
              .text("expire_time", "expireTime")
              .text("creation_timestamp", "createdAt")
              .with(
                  (c, out) -> {
                    out.put("certificateType", "SELF_MANAGED");
                    out.name(c.values().text("name"));
                    globalUnlessRegional(type, c, out);
                  })
              .build());
    }
    all.add(
        map("google_compute_managed_ssl_certificate", "gcp.compute.ssl-certificate")
            .global()
            .text("expire_time", "expireTime")
            .text("creation_timestamp", "createdAt")
            .with(
                (c, out) -> {
                  out.put("certificateType", "MANAGED");
                  new TerraformListBuilder()
                      .strings(c.values(), "managed.0.domains")
                      .writeTo(out, "subjectAlternativeNames");
                })
            .build());
    for (String type : List.of("google_compute_ssl_policy", "google_compute_region_ssl_policy")) {
      all.add(
          map(type, "gcp.compute.ssl-policy")
              .field("min_tls_version", "tls.minimumVersion", TerraformAzureMappings::tlsVersion)
              .text("profile", "profile")
              .with(
                  (c, out) -> {
                    TerraformPlanValues v = c.values();
                    // Google's defaults: TLS 1.0 and the COMPATIBLE profile
                    if (!v.isUnknown("min_tls_version") && v.get("min_tls_version") == null) {
                      out.put("tls.minimumVersion", "1.0");
                    }
                    if (!v.isUnknown("profile") && v.get("profile") == null) {
                      out.put("profile", "COMPATIBLE");
                    }
                    globalUnlessRegional(type, c, out);
                  })
              .build());
    }
    for (String type :
        List.of("google_compute_target_https_proxy", "google_compute_region_target_https_proxy")) {
      all.add(httpsProxy(type));
    }
    all.add(cluster());
    all.add(
        map("google_dns_managed_zone", "gcp.dns.managed-zone")
            .global()
            .text("dns_name", "dnsName")
            .with(
                (c, out) -> {
                  TerraformPlanValues v = c.values();
                  String visibility = v.text("visibility");
                  out.put("visibility", visibility == null ? "public" : visibility);
                  if (v.isUnknown("dnssec_config")) {
                    out.unknown("dnssec.state");
                  } else {
                    String state = v.text("dnssec_config.0.state");
                    out.put("dnssec.state", state == null ? "off" : state);
                  }
                })
            .build());
    all.add(recordSet());
    all.add(serviceAccount());
    all.add(cryptoKey());
    all.add(
        map("google_logging_project_bucket_config", "gcp.logging.bucket")
            .integer("retention_days", "logging.retentionDays")
            .bool("locked", "locked")
            .text("lifecycle_state", "state")
            .with(
                (c, out) -> {
                  TerraformPlanValues v = c.values();
                  out.name(v.text("bucket_id"));
                  if (!v.isUnknown("locked") && v.get("locked") == null) {
                    out.put("locked", false);
                  }
                  cmek(c, c.self(), "cmek_settings.0.kms_key_name", out);
                  String location = v.text("location");
                  out.region(location == null ? null : location.toLowerCase(Locale.ROOT));
                })
            .build());
    all.add(sink("google_logging_project_sink", "project", "projects/"));
    all.add(sink("google_logging_organization_sink", "org_id", "organizations/"));
    all.add(sink("google_logging_folder_sink", "folder", "folders/"));
    all.add(secret());
    all.add(sqlInstance());
    all.add(bucket());
    all.add(transferJob());
    return all;
  }

  static List<TerraformAggregateMapping> aggregates() {
    return List.of(project());
  }

  // ---------------------------------------------------------------- helpers

  /**
   * A full resource name ({@code //cloudkms.googleapis.com/projects/...}) from a relative name or a
   * self link, without a {@code cryptoKeyVersions} suffix.
   */
  static String fullName(String service, String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    if (value.startsWith("//")) {
      return value;
    }
    Matcher matcher = PROJECT_PATH.matcher(value);
    if (!matcher.find()) {
      return value;
    }
    String path = matcher.group(1).replaceFirst("/cryptoKeyVersions/[^/]+$", "");
    return "//" + service + ".googleapis.com/" + path;
  }

  static String projectOf(String name) {
    if (name == null) {
      return null;
    }
    Matcher matcher = Pattern.compile("projects/([^/]+)").matcher(name);
    return matcher.find() ? matcher.group(1) : null;
  }

  static Long seconds(String duration) {
    if (duration == null) {
      return null;
    }
    Matcher matcher = SECONDS.matcher(duration.trim());
    return matcher.matches() ? Long.parseLong(matcher.group(1)) : null;
  }

  private static String last(String path) {
    return path == null ? null : path.substring(path.lastIndexOf('/') + 1);
  }

  private static void zoneRegion(TerraformPlanValues v, TerraformAttributeWriter out) {
    String zone = v.text("zone");
    if (zone != null && zone.lastIndexOf('-') > 0) {
      out.region(zone.substring(0, zone.lastIndexOf('-')).toLowerCase(Locale.ROOT));
    }
  }

  private static void globalUnlessRegional(
      String type, TerraformMappingContext c, TerraformAttributeWriter out) {
    if (!type.contains("_region_")) {
      out.region("global");
    } else if (c.values().text("region") != null) {
      out.region(c.values().text("region"));
    }
  }

  /** Encryption of a Google store: always on, with a Cloud KMS key when the argument names one. */
  static void cmek(
      TerraformMappingContext c,
      TerraformPart part,
      String argument,
      TerraformAttributeWriter out) {
    out.put("encryption.enabled", true);
    TerraformPlanValues v = part.values();
    Optional<TerraformTarget> key = c.reference(part, argument);
    if (key.isPresent() && key.get().inPlan()) {
      out.put("encryption.customerManagedKey", true);
      out.reference("kmsKey", "gcp.kms.cryptokey", key.get().address().toString());
      if (v.isUnknown(argument)) {
        out.unknown("encryption.keyId");
      } else {
        out.put("encryption.keyId", fullName("cloudkms", v.text(argument)));
      }
      return;
    }
    if (v.isUnknown(argument)) {
      out.unknown("encryption.customerManagedKey");
      out.unknown("encryption.keyId");
      return;
    }
    String name = v.text(argument);
    out.put("encryption.customerManagedKey", name != null && !name.isEmpty());
    if (name != null && !name.isEmpty()) {
      out.put("encryption.keyId", fullName("cloudkms", name));
      out.reference("kmsKey", "gcp.kms.cryptokey", fullName("cloudkms", name));
    }
  }

  // members granted on a resource by *_iam_binding, *_iam_member and *_iam_policy companions
  private static Map<String, Set<String>> iamMembers(List<TerraformPart> parts, boolean[] unknown) {
    Map<String, Set<String>> byRole = new TreeMap<>();
    for (TerraformPart part : parts) {
      TerraformPlanValues v = part.values();
      if (part.type().endsWith("_iam_policy")) {
        if (v.isUnknown("policy_data")) {
          unknown[0] = true;
          continue;
        }
        JsonNode policy = TerraformAwsMappings.parseJson(v.text("policy_data"));
        for (JsonNode binding :
            TerraformAwsMappings.each(policy == null ? null : policy.get("bindings"))) {
          Set<String> members =
              byRole.computeIfAbsent(binding.path("role").asText(), k -> new LinkedHashSet<>());
          binding.path("members").forEach(m -> members.add(m.asText()));
        }
        continue;
      }
      if (v.isUnknown("role") || v.isUnknown("members") || v.isUnknown("member")) {
        unknown[0] = true;
        continue;
      }
      Set<String> members = byRole.computeIfAbsent(v.text("role"), k -> new LinkedHashSet<>());
      members.addAll(texts(v.get("members")));
      if (v.text("member") != null) {
        members.add(v.text("member"));
      }
    }
    return byRole;
  }

  private static boolean isPublicMember(String member) {
    return member.equals("allUsers") || member.equals("allAuthenticatedUsers");
  }

  /**
   * {@code publicAccess.public}/{@code publicMembers} (or {@code sharing.*}) from IAM companions.
   */
  private static void iamSharing(
      TerraformMappingContext c,
      List<TerraformPart> parts,
      TerraformAttributeWriter out,
      String prefix,
      boolean sharing) {
    if (parts.isEmpty() && !c.creating()) {
      // IAM granted outside this configuration is not in the plan
      return;
    }
    boolean[] unknown = {false};
    Map<String, Set<String>> byRole = iamMembers(parts, unknown);
    if (unknown[0]) {
      out.unknown(prefix + ".public");
      return;
    }
    boolean isPublic = false;
    TerraformListBuilder publicMembers = new TerraformListBuilder();
    TerraformListBuilder members = new TerraformListBuilder();
    Set<String> projects = new LinkedHashSet<>();
    for (Map.Entry<String, Set<String>> role : byRole.entrySet()) {
      for (String member : role.getValue()) {
        members.addText(member);
        if (isPublicMember(member)) {
          isPublic = true;
          publicMembers.addText(member + ":" + role.getKey());
        }
        Matcher account =
            Pattern.compile("^serviceAccount:[^@]+@([^.]+)\\.iam\\.gserviceaccount\\.com$")
                .matcher(member);
        if (account.matches()) {
          projects.add(account.group(1));
        }
      }
    }
    out.put(prefix + ".public", isPublic);
    if (sharing) {
      TerraformListBuilder accounts = new TerraformListBuilder();
      String own = c.values().text("project");
      projects.stream().filter(p -> !p.equals(own)).forEach(accounts::addText);
      accounts.writeTo(out, prefix + ".accounts");
      members.writeTo(out, prefix + ".members");
    } else {
      publicMembers.writeTo(out, prefix + ".publicMembers");
    }
  }

  // ---------------------------------------------------------------- types

  private static TerraformTypeMapping dataset() {
    return map("google_bigquery_dataset", "gcp.bigquery.dataset")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.name(v.text("dataset_id"));
              String location = v.text("location");
              out.region(location == null ? null : location.toLowerCase(Locale.ROOT));
              cmek(c, c.self(), "default_encryption_configuration.0.kms_key_name", out);
              if (v.isUnknown("access")) {
                out.unknown("publicAccess.public");
                return;
              }
              boolean isPublic = false;
              TerraformListBuilder members = new TerraformListBuilder();
              List<TerraformPart> parts =
                  new ArrayList<>(
                      c.companionsOf(
                          "google_bigquery_dataset_iam_binding",
                          "google_bigquery_dataset_iam_member"));
              for (int i = 0; i < v.size("access"); i++) {
                TerraformPlanValues access = v.at("access." + i);
                String member = access.text("special_group");
                if ("allAuthenticatedUsers".equals(member)
                    || isPublicMember(String.valueOf(access.text("iam_member")))) {
                  isPublic = true;
                  members.addText(
                      (member != null ? member : access.text("iam_member"))
                          + ":"
                          + access.text("role"));
                }
              }
              for (TerraformPart access : c.companions("google_bigquery_dataset_access")) {
                String member = access.values().text("special_group");
                String iam = access.values().text("iam_member");
                if ("allAuthenticatedUsers".equals(member)
                    || (iam != null && isPublicMember(iam))) {
                  isPublic = true;
                  members.addText(
                      (member != null ? member : iam) + ":" + access.values().text("role"));
                }
              }
              boolean[] unknown = {false};
              for (Map.Entry<String, Set<String>> role : iamMembers(parts, unknown).entrySet()) {
                for (String member : role.getValue()) {
                  if (isPublicMember(member)) {
                    isPublic = true;
                    members.addText(member + ":" + role.getKey());
                  }
                }
              }
              if (unknown[0]) {
                out.unknown("publicAccess.public");
                return;
              }
              out.put("publicAccess.public", isPublic);
              members.writeTo(out, "publicAccess.publicMembers");
            })
        .build();
  }

  private static TerraformTypeMapping function(String type, String runtime, String environment) {
    return map(type, "gcp.cloudfunctions.function")
        .text(runtime, "runtime")
        .text("state", "state")
        .with(
            (c, out) -> {
              out.put("environment", environment);
              TerraformPlanValues v = c.values();
              String location = v.text("location") != null ? v.text("location") : v.text("region");
              out.region(location);
              if (type.equals("google_cloudfunctions_function")) {
                out.attributes().remove("state");
              }
            })
        .build();
  }

  private static TerraformTypeMapping address(String type) {
    return map(type, "gcp.compute.address")
        .text("address", "address")
        .text("purpose", "purpose")
        .text("creation_timestamp", "createdAt")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              if (type.equals("google_compute_global_address")) {
                out.region("global");
              }
              String addressType = v.text("address_type");
              if (!v.isUnknown("address_type")) {
                out.put("addressType", addressType == null ? "EXTERNAL" : addressType);
              }
              TerraformListBuilder users = new TerraformListBuilder().strings(v, "users");
              if (c.referencedInConfiguration() || (!users.unknown() && !users.items().isEmpty())) {
                out.put("attached", true);
              } else if (c.creating() || (!users.unknown() && v.get("users") != null)) {
                out.put("attached", false);
              }
              if (!users.unknown() && v.get("users") != null) {
                users.writeTo(out, "users");
              }
            })
        .build();
  }

  private static TerraformTypeMapping backendService(String type) {
    return map(type, "gcp.compute.backend-service")
        .text("load_balancing_scheme", "loadBalancingScheme")
        .text("protocol", "protocol")
        .bool("enable_cdn", "enableCDN")
        .bool("log_config.0.enable", "logging.enabled")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              globalUnlessRegional(type, c, out);
              for (String[] policy :
                  new String[][] {
                    {"security_policy", "securityPolicy"},
                    {"edge_security_policy", "edgeSecurityPolicy"}
                  }) {
                if (v.isUnknown(policy[0])) {
                  Optional<TerraformTarget> target = c.reference(c.self(), policy[0]);
                  if (target.isPresent() && target.get().inPlan()) {
                    out.put(policy[1], target.get().address().toString());
                  } else {
                    out.unknown(policy[1]);
                  }
                } else {
                  String value = v.text(policy[0]);
                  out.put(policy[1], value == null ? "" : fullName("compute", value));
                }
              }
              if (!v.isUnknown("enable_cdn") && v.get("enable_cdn") == null) {
                out.put("enableCDN", false);
              }
              if (!v.isUnknown("log_config") && v.size("log_config") == 0) {
                out.put("logging.enabled", false);
              }
            })
        .build();
  }

  private static TerraformTypeMapping disk(String type) {
    return map(type, "gcp.compute.disk")
        .text("zone", "zone")
        .integer("size", "sizeGb")
        .field("type", "diskType", v -> TextNode.valueOf(last(v.asText())))
        .text("creation_timestamp", "createdAt")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              if (type.equals("google_compute_disk")) {
                zoneRegion(v, out);
              } else {
                out.region(v.text("region"));
              }
              cmek(c, c.self(), "disk_encryption_key.0.kms_key_self_link", out);
              boolean supplied =
                  v.isSet("disk_encryption_key.0.raw_key")
                      || v.isSet("disk_encryption_key.0.rsa_encrypted_key");
              if (supplied) {
                out.put("encryption.customerSuppliedKey", true);
              } else if (!v.hasUnknownInside("disk_encryption_key")) {
                out.put("encryption.customerSuppliedKey", false);
              }
              String image = v.text("image");
              if (image != null) {
                out.put("sourceImage", fullName("compute", image));
              }
              // attachments: an instance of the plan that names this disk, or the provider's users
              // list
              boolean attached = c.referencedInConfiguration();
              TerraformListBuilder users = new TerraformListBuilder().strings(v, "users");
              if (attached || (!users.unknown() && !users.items().isEmpty())) {
                out.put("attached", true);
              } else if (c.creating() && !c.before()) {
                out.put("attached", false);
              }
              TerraformListBuilder policies =
                  new TerraformListBuilder().strings(v, "resource_policies");
              boolean schedule = false;
              for (int i = 0; i < v.size("resource_policies"); i++) {
                schedule |= snapshotSchedule(c, c.self(), "resource_policies." + i);
              }
              for (TerraformPart attachment :
                  c.companions("google_compute_disk_resource_policy_attachment")) {
                policies.addText(attachment.values().text("name"));
                schedule |= snapshotSchedule(c, attachment, "name");
              }
              if (!policies.unknown()) {
                policies.writeTo(out, "resourcePolicies");
              }
              if (schedule) {
                out.put("backup.enabled", true);
              } else if (c.creating()
                  && !c.before()
                  && !policies.unknown()
                  && policies.items().isEmpty()) {
                out.put("backup.enabled", false);
              }
            })
        .build();
  }

  private static boolean snapshotSchedule(
      TerraformMappingContext c, TerraformPart part, String argument) {
    return c.part(c.reference(part, argument).orElse(null))
        .map(p -> p.values().get("snapshot_schedule_policy.0") != null)
        .orElse(false);
  }

  private static TerraformTypeMapping firewall() {
    return map("google_compute_firewall", "gcp.compute.firewall")
        .global()
        .bool("disabled", "disabled")
        .integer("priority", "priority")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              if (v.isUnknown("network")) {
                Optional<TerraformTarget> network = c.reference(c.self(), "network");
                if (network.isPresent() && network.get().inPlan()) {
                  out.put("network", network.get().address().toString());
                } else {
                  out.unknown("network");
                }
              } else {
                String network = v.text("network");
                if (network != null && !network.contains("/")) {
                  String project = v.text("project");
                  network =
                      project == null
                          ? null
                          : "projects/" + project + "/global/networks/" + network;
                }
                out.put("network", fullName("compute", network));
              }
              String direction = v.text("direction");
              boolean ingress = direction == null || direction.equals("INGRESS");
              if (!v.isUnknown("direction")) {
                out.put("direction", direction == null ? "INGRESS" : direction);
              }
              defaultTo(v, "disabled", out, "disabled", false);
              if (!v.isUnknown("priority") && v.get("priority") == null) {
                out.put("priority", 1000);
              }
              boolean deny = v.size("deny") > 0;
              out.put("action", deny ? "DENY" : "ALLOW");
              TerraformListBuilder sources = new TerraformListBuilder().strings(v, "source_ranges");
              boolean noSource =
                  !sources.unknown()
                      && sources.items().isEmpty()
                      && v.size("source_tags") == 0
                      && v.size("source_service_accounts") == 0
                      && !v.isUnknown("source_tags")
                      && !v.isUnknown("source_service_accounts");
              if (ingress && noSource) {
                // the API fills in 0.0.0.0/0 for an ingress rule without any source
                sources.addText("0.0.0.0/0");
              }
              sources.writeTo(out, "sourceRanges");
              new TerraformListBuilder().strings(v, "source_tags").writeTo(out, "sourceTags");
              new TerraformListBuilder()
                  .strings(v, "source_service_accounts")
                  .writeTo(out, "sourceServiceAccounts");
              new TerraformListBuilder()
                  .strings(v, "destination_ranges")
                  .writeTo(out, "destinationRanges");
              new TerraformListBuilder().strings(v, "target_tags").writeTo(out, "targetTags");
              new TerraformListBuilder()
                  .strings(v, "target_service_accounts")
                  .writeTo(out, "targetServiceAccounts");
              new TerraformListBuilder()
                  .each(
                      v,
                      deny ? "deny" : "allow",
                      (r, e) -> {
                        e.text(r, "protocol", "protocol");
                        if (r.isUnknown("ports")) {
                          e.markUnknown();
                          return;
                        }
                        e.put("ports", portRanges(texts(r.get("ports"))));
                      })
                  .writeTo(out, "rules");
              if (v.isUnknown("log_config")) {
                out.unknown("logging.enabled");
              } else {
                out.put("logging.enabled", v.size("log_config") > 0);
              }
            })
        .build();
  }

  /** {@code "22"} as {from: 22, to: 22}, {@code "1000-2000"} as a range. */
  static com.fasterxml.jackson.databind.node.ArrayNode portRanges(List<String> ports) {
    var out = JsonNodeFactory.instance.arrayNode();
    for (String text : ports) {
      String[] bounds = text.split("-", 2);
      try {
        out.addObject()
            .put("from", Integer.parseInt(bounds[0].trim()))
            .put("to", Integer.parseInt(bounds[bounds.length - 1].trim()));
      } catch (NumberFormatException e) {
        // a named port is not a range; the API accepts numbers only
      }
    }
    return out;
  }

  private static void defaultTo(
      TerraformPlanValues v, String from, TerraformAttributeWriter out, String to, boolean value) {
    if (!v.isUnknown(from) && v.get(from) == null) {
      out.put(to, value);
    }
  }

  private static TerraformTypeMapping image() {
    return map("google_compute_image", "gcp.compute.image")
        .global()
        .text("family", "family")
        .text("creation_timestamp", "createdAt")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              String disk = v.text("source_disk");
              if (disk != null) {
                out.put("sourceDisk", fullName("compute", disk));
              }
              TerraformListBuilder locations = new TerraformListBuilder();
              if (v.isUnknown("storage_locations")) {
                locations.markUnknown();
              }
              texts(v.get("storage_locations"))
                  .forEach(l -> locations.addText(l.toLowerCase(Locale.ROOT)));
              locations.writeTo(out, "storageLocations");
              cmek(c, c.self(), "image_encryption_key.0.kms_key_self_link", out);
              iamSharing(
                  c,
                  c.companionsOf(
                      "google_compute_image_iam_binding",
                      "google_compute_image_iam_member",
                      "google_compute_image_iam_policy"),
                  out,
                  "sharing",
                  true);
            })
        .build();
  }

  private static TerraformTypeMapping instance(String type) {
    return map(type, "gcp.compute.instance")
        .text("zone", "zone")
        .field("machine_type", "machineType", v -> TextNode.valueOf(last(v.asText())))
        .text("current_status", "state")
        .bool("deletion_protection", "deletionProtection")
        .bool("shielded_instance_config.0.enable_secure_boot", "shieldedVm.secureBoot")
        .bool("shielded_instance_config.0.enable_vtpm", "shieldedVm.vtpm")
        .bool(
            "shielded_instance_config.0.enable_integrity_monitoring",
            "shieldedVm.integrityMonitoring")
        .text("creation_timestamp", "createdAt")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              zoneRegion(v, out);
              defaultTo(v, "deletion_protection", out, "deletionProtection", false);
              if (v.isUnknown("metadata")) {
                out.unknown("metadata.osLogin");
                out.unknown("metadata.serialPortEnabled");
              } else {
                String osLogin = v.text("metadata.enable-oslogin");
                if (osLogin != null) {
                  out.put("metadata.osLogin", osLogin.equalsIgnoreCase("true"));
                }
                String serial = v.text("metadata.serial-port-enable");
                if (serial != null) {
                  out.put(
                      "metadata.serialPortEnabled",
                      serial.equalsIgnoreCase("true") || serial.equals("1"));
                }
              }
              TerraformListBuilder ips = new TerraformListBuilder();
              if (v.isUnknown("network_interface")) {
                ips.markUnknown();
              }
              for (int i = 0; i < v.size("network_interface"); i++) {
                String base = "network_interface." + i + ".access_config";
                if (v.isUnknown(base)) {
                  ips.markUnknown();
                }
                for (int j = 0; j < v.size(base); j++) {
                  String ip = base + "." + j + ".nat_ip";
                  if (v.isUnknown(ip)) {
                    Optional<TerraformTarget> address = c.reference(c.self(), ip);
                    if (address.isPresent() && address.get().inPlan()) {
                      ips.addText(address.get().address().toString());
                    } else {
                      // an ephemeral address: known only after apply
                      ips.markUnknown();
                    }
                  } else {
                    ips.addText(v.text(ip));
                  }
                }
              }
              ips.writeTo(out, "externalIps");
            })
        .build();
  }

  private static TerraformTypeMapping snapshot() {
    return map("google_compute_snapshot", "gcp.compute.snapshot")
        .global()
        .text("snapshot_type", "snapshotType")
        .text("creation_timestamp", "createdAt")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              Optional<TerraformTarget> disk = c.reference(c.self(), "source_disk");
              if (disk.isPresent()) {
                out.put(
                    "sourceDisk",
                    disk.get().inPlan()
                        ? disk.get().address().toString()
                        : fullName("compute", disk.get().literal()));
              }
              TerraformListBuilder locations = new TerraformListBuilder();
              if (v.isUnknown("storage_locations")) {
                locations.markUnknown();
              }
              texts(v.get("storage_locations"))
                  .forEach(l -> locations.addText(l.toLowerCase(Locale.ROOT)));
              locations.writeTo(out, "storageLocations");
              cmek(c, c.self(), "snapshot_encryption_key.0.kms_key_self_link", out);
              iamSharing(
                  c,
                  c.companionsOf(
                      "google_compute_snapshot_iam_binding",
                      "google_compute_snapshot_iam_member",
                      "google_compute_snapshot_iam_policy"),
                  out,
                  "sharing",
                  true);
            })
        .build();
  }

  private static TerraformTypeMapping httpsProxy(String type) {
    return map(type, "gcp.compute.target-https-proxy")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              globalUnlessRegional(type, c, out);
              Optional<TerraformTarget> policy = c.reference(c.self(), "ssl_policy");
              if (policy.isEmpty() && !v.isUnknown("ssl_policy")) {
                out.put("sslPolicy", "");
                out.put("tls.minimumVersion", "1.0");
              } else if (policy.isPresent()) {
                out.put(
                    "sslPolicy",
                    policy.get().inPlan()
                        ? policy.get().address().toString()
                        : fullName("compute", policy.get().literal()));
                Optional<TerraformPart> part = c.part(policy.get());
                if (part.isPresent()) {
                  TerraformPlanValues p = part.get().values();
                  if (p.isUnknown("min_tls_version")) {
                    out.unknown("tls.minimumVersion");
                  } else {
                    String version = p.text("min_tls_version");
                    out.put(
                        "tls.minimumVersion",
                        version == null
                            ? TextNode.valueOf("1.0")
                            : TerraformAzureMappings.tlsVersion(TextNode.valueOf(version)));
                  }
                }
              } else {
                out.unknown("sslPolicy");
                out.unknown("tls.minimumVersion");
              }
              TerraformListBuilder certificates = new TerraformListBuilder();
              if (v.isUnknown("ssl_certificates")) {
                // the whole list is unknown: the configuration may still name one certificate
                Optional<TerraformTarget> only = c.reference(c.self(), "ssl_certificates");
                if (only.isPresent() && only.get().inPlan()) {
                  certificates.addText(only.get().address().toString());
                } else {
                  certificates.markUnknown();
                }
              }
              for (int i = 0; i < v.size("ssl_certificates"); i++) {
                Optional<TerraformTarget> certificate =
                    c.reference(c.self(), "ssl_certificates." + i);
                if (v.isUnknown("ssl_certificates." + i)) {
                  if (certificate.isPresent() && certificate.get().inPlan()) {
                    certificates.addText(certificate.get().address().toString());
                  } else {
                    certificates.markUnknown();
                  }
                } else {
                  certificates.addText(fullName("compute", v.text("ssl_certificates." + i)));
                }
              }
              certificates.writeTo(out, "sslCertificates");
              if (!v.isUnknown("certificate_map")) {
                String map = v.text("certificate_map");
                out.put("certificateMap", map == null ? "" : map);
              }
            })
        .build();
  }

  private static TerraformTypeMapping cluster() {
    return map("google_container_cluster", "gcp.container.cluster")
        .text("master_version", "currentMasterVersion")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              String location = v.text("location");
              if (location != null) {
                out.region(
                    location.matches(".*-[a-z]$")
                        ? location.substring(0, location.lastIndexOf('-'))
                        : location);
              }
              if (v.isUnknown("release_channel")) {
                out.unknown("releaseChannel");
              } else {
                String channel = v.text("release_channel.0.channel");
                out.put("releaseChannel", channel == null ? "UNSPECIFIED" : channel);
              }
              TerraformListBuilder pools = new TerraformListBuilder();
              pools.each(
                  v,
                  "node_pool",
                  (p, e) ->
                      e.text(p, "name", "name")
                          .textIfKnown(p, "version", "version")
                          .bool(p, "management.0.auto_upgrade", "autoUpgrade"));
              for (TerraformPart pool : c.companions("google_container_node_pool")) {
                pools.addObject(
                    pool.values(),
                    (p, e) ->
                        e.text(p, "name", "name")
                            .textIfKnown(p, "version", "version")
                            .bool(p, "management.0.auto_upgrade", "autoUpgrade"));
              }
              pools.writeTo(out, "nodePools");
            })
        .build();
  }

  private static TerraformTypeMapping recordSet() {
    return map("google_dns_record_set", "gcp.dns.record-set")
        .global()
        .text("name", "dnsName")
        .text("type", "recordType")
        .integer("ttl", "ttl")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              Optional<TerraformTarget> zone = c.reference(c.self(), "managed_zone");
              Optional<TerraformPart> zonePart = c.part(zone.orElse(null));
              if (zonePart.isPresent()) {
                out.put("zone", zone.get().address().toString());
                String visibility = zonePart.get().values().text("visibility");
                out.put("zoneVisibility", visibility == null ? "public" : visibility);
              } else if (zone.isPresent()) {
                String project = v.text("project");
                String name = last(zone.get().literal());
                out.put(
                    "zone",
                    project == null
                        ? null
                        : "//dns.googleapis.com/projects/" + project + "/managedZones/" + name);
              }
              TerraformListBuilder data = new TerraformListBuilder();
              if (v.isUnknown("rrdatas")) {
                data.markUnknown();
              }
              boolean txt = "TXT".equals(v.text("type"));
              for (String value : texts(v.get("rrdatas"))) {
                data.addText(
                    txt ? value.replaceAll("\"\\s*\"", "").replaceAll("^\"|\"$", "") : value);
              }
              data.writeTo(out, "rrdatas");
            })
        .build();
  }

  private static TerraformTypeMapping serviceAccount() {
    return map("google_service_account", "gcp.iam.service-account")
        .global()
        .text("email", "email")
        .bool("disabled", "disabled")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.name(v.text("email"));
              defaultTo(v, "disabled", out, "disabled", false);
              TerraformListBuilder keys = new TerraformListBuilder();
              for (TerraformPart key : c.companions("google_service_account_key")) {
                keys.addObject(
                    key.values(),
                    (k, e) -> {
                      if (!k.isUnknown("id")) {
                        e.put("id", last(k.text("id")));
                      }
                      e.put("keyType", "USER_MANAGED").put("disabled", false);
                      if (!k.isUnknown("valid_after")) {
                        e.put("createdAt", k.text("valid_after"));
                      }
                      if (!k.isUnknown("valid_before")) {
                        e.put("expiresAt", k.text("valid_before"));
                      }
                    });
              }
              if (c.creating() || !c.companions("google_service_account_key").isEmpty()) {
                keys.writeTo(out, "keys");
              }
            })
        .build();
  }

  private static TerraformTypeMapping cryptoKey() {
    return map("google_kms_crypto_key", "gcp.kms.cryptokey")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.name(v.text("name"));
              String purpose = v.text("purpose");
              if (!v.isUnknown("purpose")) {
                out.put("purpose", purpose == null ? "ENCRYPT_DECRYPT" : purpose);
              }
              if (!v.isUnknown("version_template")) {
                String level = v.text("version_template.0.protection_level");
                out.put("protectionLevel", level == null ? "SOFTWARE" : level);
              }
              if (v.isUnknown("rotation_period")) {
                out.unknown("rotation.enabled");
                out.unknown("rotation.periodDays");
              } else {
                Long period = seconds(v.text("rotation_period"));
                out.put("rotation.enabled", period != null);
                if (period != null) {
                  out.put("rotation.periodDays", period / 86400);
                }
              }
              if (v.isUnknown("destroy_scheduled_duration")) {
                out.unknown("deletion.windowDays");
              } else {
                Long window = seconds(v.text("destroy_scheduled_duration"));
                // Cloud KMS keeps a destroyed version 30 days unless told otherwise
                out.put("deletion.windowDays", window == null ? 30 : window / 86400);
              }
              if (!c.before()) {
                out.put("deletion.pendingDeletion", false);
              }
              Optional<TerraformTarget> ring = c.reference(c.self(), "key_ring");
              Optional<TerraformPart> ringPart = c.part(ring.orElse(null));
              if (ringPart.isPresent()) {
                String location = ringPart.get().values().text("location");
                out.region(location == null ? null : location.toLowerCase(Locale.ROOT));
              } else if (v.text("key_ring") != null) {
                Matcher matcher = Pattern.compile("locations/([^/]+)").matcher(v.text("key_ring"));
                if (matcher.find()) {
                  out.region(matcher.group(1).toLowerCase(Locale.ROOT));
                }
              }
            })
        .build();
  }

  private static TerraformTypeMapping sink(
      String type, String parentArgument, String parentPrefix) {
    return map(type, "gcp.logging.sink")
        .global()
        .text("destination", "destination")
        .bool("disabled", "disabled")
        .bool("include_children", "includeChildren")
        .text("writer_identity", "writerIdentity")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.name(v.text("name"));
              String parent = v.text(parentArgument);
              if (parent != null) {
                out.put("parent", parent.startsWith(parentPrefix) ? parent : parentPrefix + parent);
              }
              String filter = v.text("filter");
              if (!v.isUnknown("filter")) {
                out.put("filter", filter == null ? "" : filter);
              }
              defaultTo(v, "disabled", out, "disabled", false);
              if (!type.equals("google_logging_project_sink")) {
                defaultTo(v, "include_children", out, "includeChildren", false);
              }
            })
        .build();
  }

  private static TerraformTypeMapping secret() {
    return map("google_secret_manager_secret", "gcp.secretmanager.secret")
        .global()
        .text("rotation.0.next_rotation_time", "rotation.nextRotationTime")
        .text("create_time", "createdAt")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.name(v.text("secret_id"));
              if (v.isUnknown("replication")) {
                out.unknown("replication.automatic");
                out.unknown("replication.locations");
              } else {
                boolean automatic =
                    v.get("replication.0.auto.0") != null
                        || Boolean.TRUE.equals(v.bool("replication.0.automatic"));
                out.put("replication.automatic", automatic);
                TerraformListBuilder locations = new TerraformListBuilder();
                for (int i = 0; i < v.size("replication.0.user_managed.0.replicas"); i++) {
                  String location =
                      v.text("replication.0.user_managed.0.replicas." + i + ".location");
                  locations.addText(location == null ? null : location.toLowerCase(Locale.ROOT));
                }
                locations.writeTo(out, "replication.locations");
              }
              if (v.isUnknown("rotation")) {
                out.unknown("rotation.enabled");
              } else {
                out.put("rotation.enabled", v.text("rotation.0.next_rotation_time") != null);
                Long period = seconds(v.text("rotation.0.rotation_period"));
                if (period != null) {
                  out.put("rotation.periodDays", period / 86400);
                }
              }
            })
        .build();
  }

  private static TerraformTypeMapping sqlInstance() {
    String ip = "settings.0.ip_configuration.0.";
    String backup = "settings.0.backup_configuration.0.";
    return map("google_sql_database_instance", "gcp.sql.instance")
        .text("database_version", "databaseVersion")
        .text("instance_type", "instanceType")
        .text("state", "state")
        .bool(ip + "ipv4_enabled", "network.publicIp")
        .bool("settings.0.deletion_protection_enabled", "deletionProtection")
        .bool(backup + "enabled", "backup.enabled")
        .integer(backup + "backup_retention_settings.0.retained_backups", "backup.retainedBackups")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.region(v.text("region"));
              String master = v.text("master_instance_name");
              if (master != null && !master.isEmpty()) {
                String project = v.text("project");
                out.put(
                    "masterInstance",
                    master.contains("/")
                        ? master
                        : "//sqladmin.googleapis.com/projects/" + project + "/instances/" + master);
              }
              cmek(c, c.self(), "encryption_key_name", out);
              defaultTo(v, ip + "ipv4_enabled", out, "network.publicIp", true);
              defaultTo(
                  v, "settings.0.deletion_protection_enabled", out, "deletionProtection", false);
              defaultTo(v, backup + "enabled", out, "backup.enabled", false);
              TerraformListBuilder networks = new TerraformListBuilder();
              if (v.isUnknown(ip + "authorized_networks")) {
                networks.markUnknown();
              }
              for (int i = 0; i < v.size(ip + "authorized_networks"); i++) {
                if (v.isUnknown(ip + "authorized_networks." + i + ".value")) {
                  networks.markUnknown();
                }
                networks.addText(v.text(ip + "authorized_networks." + i + ".value"));
              }
              networks.writeTo(out, "network.authorizedNetworks");
              if (v.isUnknown(ip + "private_network")) {
                Optional<TerraformTarget> network = c.reference(c.self(), ip + "private_network");
                if (network.isPresent() && network.get().inPlan()) {
                  out.put("network.privateNetwork", network.get().address().toString());
                } else {
                  out.unknown("network.privateNetwork");
                }
              } else {
                String network = v.text(ip + "private_network");
                out.put(
                    "network.privateNetwork", network == null ? "" : fullName("compute", network));
              }
              String sslMode = v.text(ip + "ssl_mode");
              if (sslMode != null && !sslMode.isEmpty()) {
                out.put("sslMode", sslMode);
              } else if (v.bool(ip + "require_ssl") != null) {
                out.put(
                    "sslMode",
                    v.bool(ip + "require_ssl")
                        ? "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"
                        : "ALLOW_UNENCRYPTED_AND_ENCRYPTED");
              } else if (v.isUnknown(ip + "ssl_mode")) {
                out.unknown("sslMode");
              }
              Boolean pitr = v.bool(backup + "point_in_time_recovery_enabled");
              Boolean binlog = v.bool(backup + "binary_log_enabled");
              if (pitr != null || binlog != null) {
                out.put(
                    "backup.pointInTimeRecovery",
                    Boolean.TRUE.equals(pitr) || Boolean.TRUE.equals(binlog));
              }
              JsonNode labels = v.get("settings.0.user_labels");
              Map<String, String> tags = new TreeMap<>();
              if (labels != null) {
                labels.properties().forEach(f -> tags.put(f.getKey(), f.getValue().asText()));
              }
              out.tags(tags);
            })
        .build();
  }

  private static TerraformTypeMapping bucket() {
    return map("google_storage_bucket", "gcp.storage.bucket")
        .text("storage_class", "storageClass")
        .bool("uniform_bucket_level_access", "uniformBucketLevelAccess")
        .bool("versioning.0.enabled", "versioning.enabled")
        .bool("force_destroy", "forceDestroy")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.name(v.text("name"));
              if (!v.isUnknown("force_destroy") && v.get("force_destroy") == null) {
                out.put("forceDestroy", false);
              }
              String location = v.text("location");
              if (location != null) {
                String lower = location.toLowerCase(Locale.ROOT);
                out.put("location", lower);
                out.region(lower);
                if (v.get("custom_placement_config.0") != null) {
                  TerraformListBuilder data = new TerraformListBuilder();
                  texts(v.get("custom_placement_config.0.data_locations"))
                      .forEach(l -> data.addText(l.toLowerCase(Locale.ROOT)));
                  data.writeTo(out, "dataLocations");
                } else if (DUAL_REGIONS.containsKey(lower)) {
                  TerraformListBuilder data = new TerraformListBuilder();
                  DUAL_REGIONS.get(lower).forEach(data::addText);
                  data.writeTo(out, "dataLocations");
                } else if (!MULTI_REGIONS.contains(lower)) {
                  out.put("dataLocations", JsonNodeFactory.instance.arrayNode().add(lower));
                }
              }
              cmek(c, c.self(), "encryption.0.default_kms_key_name", out);
              if (v.isUnknown("public_access_prevention")) {
                out.unknown("publicAccess.prevention");
                out.unknown("publicAccess.blocked");
              } else {
                String prevention = v.text("public_access_prevention");
                prevention =
                    prevention == null || prevention.equals("unspecified")
                        ? "inherited"
                        : prevention;
                out.put("publicAccess.prevention", prevention);
                out.put("publicAccess.blocked", prevention.equals("enforced"));
              }
              iamSharing(
                  c,
                  c.companionsOf(
                      "google_storage_bucket_iam_binding",
                      "google_storage_bucket_iam_member",
                      "google_storage_bucket_iam_policy"),
                  out,
                  "publicAccess",
                  false);
              defaultTo(v, "uniform_bucket_level_access", out, "uniformBucketLevelAccess", false);
              if (!v.isUnknown("versioning") && v.get("versioning.0.enabled") == null) {
                out.put("versioning.enabled", false);
              }
              bucketLifecycle(v, out);
              if (v.isUnknown("soft_delete_policy")) {
                out.unknown("softDelete.retentionDays");
              } else if (v.get("soft_delete_policy.0") != null) {
                Long seconds = v.number("soft_delete_policy.0.retention_duration_seconds");
                if (seconds != null) {
                  out.put("softDelete.retentionDays", seconds / 86400);
                }
              }
              if (v.isUnknown("retention_policy")) {
                out.unknown("retentionPolicy.retentionPeriodSeconds");
              } else if (v.get("retention_policy.0") != null) {
                TerraformFieldTable.copy(
                    v,
                    "retention_policy.0.retention_period",
                    out,
                    "retentionPolicy.retentionPeriodSeconds",
                    TerraformFieldTable::asInteger);
                TerraformFieldTable.copy(
                    v,
                    "retention_policy.0.is_locked",
                    out,
                    "retentionPolicy.isLocked",
                    TerraformFieldTable::asBoolean);
                defaultTo(
                    v, "retention_policy.0.is_locked", out, "retentionPolicy.isLocked", false);
              } else {
                out.put("retentionPolicy.retentionPeriodSeconds", 0);
                out.put("retentionPolicy.isLocked", false);
              }
            })
        .build();
  }

  private static void bucketLifecycle(TerraformPlanValues v, TerraformAttributeWriter out) {
    if (v.isUnknown("lifecycle_rule")) {
      out.unknown("lifecycle.expirationDays");
      return;
    }
    Long expiration = null;
    Long noncurrent = null;
    Long newer = null;
    Long abort = null;
    for (int i = 0; i < v.size("lifecycle_rule"); i++) {
      TerraformPlanValues rule = v.at("lifecycle_rule." + i);
      String action = rule.text("action.0.type");
      Long age = rule.number("condition.0.age");
      if ("Delete".equals(action)) {
        String state = rule.text("condition.0.with_state");
        boolean live =
            state == null || state.equals("LIVE") || state.equals("ANY") || state.isEmpty();
        if (live) {
          expiration = TerraformAwsMappings.min(expiration, age);
        }
        noncurrent =
            TerraformAwsMappings.min(
                noncurrent, rule.number("condition.0.days_since_noncurrent_time"));
        newer = TerraformAwsMappings.min(newer, rule.number("condition.0.num_newer_versions"));
      } else if ("AbortIncompleteMultipartUpload".equals(action)) {
        abort = TerraformAwsMappings.min(abort, age);
      }
    }
    if (expiration != null) {
      out.put("lifecycle.expirationDays", expiration);
    }
    if (noncurrent != null) {
      out.put("lifecycle.noncurrentExpirationDays", noncurrent);
    }
    if (newer != null) {
      out.put("lifecycle.numNewerVersions", newer);
    }
    if (abort != null) {
      out.put("lifecycle.abortIncompleteUploadDays", abort);
    }
  }

  private static TerraformTypeMapping transferJob() {
    return map("google_storage_transfer_job", "gcp.storagetransfer.job")
        .global()
        .text("status", "status")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              String spec = "transfer_spec.0.";
              String[][] sources = {
                {"gcs_data_source", "gcs", "bucket_name"},
                {"aws_s3_data_source", "awsS3", "bucket_name"},
                {"azure_blob_storage_data_source", "azureBlob", "container"},
                {"http_data_source", "http", "list_url"},
                {"posix_data_source", "posix", "root_directory"},
                {"hdfs_data_source", "hdfs", "path"}
              };
              for (String[] source : sources) {
                if (v.get(spec + source[0] + ".0") != null) {
                  out.put("source.kind", source[1]);
                  TerraformFieldTable.copy(
                      v,
                      spec + source[0] + ".0." + source[2],
                      out,
                      "source.location",
                      TerraformFieldTable::asText);
                }
              }
              if (v.get(spec + "gcs_data_sink.0") != null) {
                out.put("sink.kind", "gcs");
                String path = "transfer_spec.0.gcs_data_sink.0.bucket_name";
                TerraformFieldTable.copy(v, path, out, "sink.bucket", TerraformFieldTable::asText);
                Optional<TerraformPart> bucket = c.part(c.reference(c.self(), path).orElse(null));
                if (bucket.isPresent()) {
                  if (bucket.get().values().isUnknown("name")) {
                    out.put("sink.bucket", bucket.get().resource().address().toString());
                  }
                  String location = bucket.get().values().text("location");
                  if (location != null) {
                    String lower = location.toLowerCase(Locale.ROOT);
                    out.put(
                        "sink.locationType",
                        MULTI_REGIONS.contains(lower)
                            ? "multi-region"
                            : DUAL_REGIONS.containsKey(lower) ? "dual-region" : "region");
                    if (DUAL_REGIONS.containsKey(lower)) {
                      TerraformListBuilder data = new TerraformListBuilder();
                      DUAL_REGIONS.get(lower).forEach(data::addText);
                      data.writeTo(out, "sink.dataLocations");
                    } else if (!MULTI_REGIONS.contains(lower)) {
                      out.put(
                          "sink.dataLocations", JsonNodeFactory.instance.arrayNode().add(lower));
                    }
                  }
                }
              } else if (v.get(spec + "posix_data_sink.0") != null) {
                out.put("sink.kind", "posix");
              }
            })
        .build();
  }

  // ---------------------------------------------------------------- project aggregate

  private static String projectScope(TerraformPart part, TerraformProviderSettings settings) {
    TerraformPlanValues v = part.values();
    if (part.type().equals("google_project")) {
      return v.text("project_id");
    }
    String project = v.text("project");
    if (project != null) {
      return project.replaceFirst("^projects/", "");
    }
    String parent = v.text("parent");
    if (parent != null && parent.startsWith("projects/")) {
      return parent.substring("projects/".length());
    }
    String name = v.text("name");
    if (name != null && name.startsWith("projects/")) {
      return projectOf(name);
    }
    if (part.type().equals("google_compute_shared_vpc_service_project")) {
      return v.text("service_project");
    }
    return settings.account();
  }

  private static boolean projectLevel(TerraformPart part) {
    TerraformPlanValues v = part.values();
    return switch (part.type()) {
      // organization and folder sinks and org policies on an organization are not one project's
      case "google_logging_organization_sink",
          "google_logging_folder_sink",
          "google_cloud_asset_organization_feed",
          "google_access_context_manager_service_perimeter",
          "google_access_context_manager_access_level" ->
          false;
      case "google_org_policy_policy" -> {
        String parent = v.text("parent");
        yield parent != null && parent.startsWith("projects/");
      }
      default -> true;
    };
  }

  private static TerraformAggregateMapping project() {
    return new TerraformAggregateMapping(
        "gcp.project",
        Set.of(
            "google_project",
            "google_project_iam_binding",
            "google_project_iam_member",
            "google_project_iam_policy",
            "google_project_iam_audit_config",
            "google_project_service",
            "google_org_policy_policy",
            "google_project_organization_policy",
            "google_compute_project_metadata",
            "google_compute_project_metadata_item",
            "google_compute_shared_vpc_service_project",
            "google_essential_contacts_contact",
            "google_logging_metric",
            "google_monitoring_alert_policy",
            "google_iam_workload_identity_pool",
            "google_cloud_asset_project_feed",
            "google_os_config_patch_deployment"),
        false,
        TerraformGoogleMappings::projectScope,
        TerraformGoogleMappings::projectLevel,
        (account, region) -> "//cloudresourcemanager.googleapis.com/projects/" + account,
        TerraformGoogleMappings::projectAttributes);
  }

  private static void projectAttributes(TerraformMappingContext c, TerraformAttributeWriter out) {
    for (TerraformPart project : c.companions("google_project")) {
      TerraformPlanValues v = project.values();
      out.name(v.text("project_id"));
      TerraformFieldTable.copy(v, "number", out, "projectNumber", TerraformFieldTable::asText);
      if (v.text("org_id") != null) {
        out.put("parent", "organizations/" + v.text("org_id"));
      } else if (v.text("folder_id") != null) {
        String folder = v.text("folder_id");
        out.put("parent", folder.startsWith("folders/") ? folder : "folders/" + folder);
      }
      out.put("state", "ACTIVE");
      JsonNode labels =
          v.get("effective_labels") != null ? v.get("effective_labels") : v.get("labels");
      Map<String, String> tags = new TreeMap<>();
      if (labels != null) {
        labels.properties().forEach(f -> tags.put(f.getKey(), f.getValue().asText()));
      }
      out.tags(tags);
    }
    List<TerraformPart> iam =
        c.companionsOf(
            "google_project_iam_binding", "google_project_iam_member", "google_project_iam_policy");
    if (!iam.isEmpty()) {
      boolean[] unknown = {false};
      Map<String, Set<String>> byRole = iamMembers(iam, unknown);
      TerraformListBuilder bindings = new TerraformListBuilder();
      if (unknown[0]) {
        bindings.markUnknown();
      }
      for (Map.Entry<String, Set<String>> role : byRole.entrySet()) {
        bindings.addObject(
            TerraformPlanValues.ABSENT,
            (x, e) -> {
              var members = JsonNodeFactory.instance.arrayNode();
              role.getValue().forEach(members::add);
              e.put("role", role.getKey()).put("members", members);
            });
      }
      // what this plan grants; bindings made elsewhere are not in it
      bindings.writeTo(out, "iam.bindings");
    }
    List<TerraformPart> audits = c.companions("google_project_iam_audit_config");
    if (!audits.isEmpty()) {
      TerraformListBuilder configs = new TerraformListBuilder();
      for (TerraformPart audit : audits) {
        configs.addObject(
            audit.values(),
            (a, e) -> {
              e.text(a, "service", "service");
              var types = JsonNodeFactory.instance.arrayNode();
              var exempted = JsonNodeFactory.instance.arrayNode();
              for (int i = 0; i < a.size("audit_log_config"); i++) {
                types.add(a.text("audit_log_config." + i + ".log_type"));
                texts(a.get("audit_log_config." + i + ".exempted_members")).forEach(exempted::add);
              }
              e.put("logTypes", types).put("exemptedMembers", exempted);
            });
      }
      configs.writeTo(out, "auditConfigs");
    }
    List<TerraformPart> services = c.companions("google_project_service");
    if (!services.isEmpty()) {
      TerraformListBuilder enabled = new TerraformListBuilder();
      for (TerraformPart service : services) {
        if (service.values().isUnknown("service")) {
          enabled.markUnknown();
        }
        enabled.addText(service.values().text("service"));
      }
      enabled.writeTo(out, "services.enabled");
    }
    orgPolicies(c, out);
    Map<String, String> metadata = new LinkedHashMap<>();
    for (TerraformPart part : c.companions("google_compute_project_metadata")) {
      JsonNode items = part.values().get("metadata");
      if (items != null) {
        items.properties().forEach(f -> metadata.put(f.getKey(), f.getValue().asText()));
      }
    }
    for (TerraformPart item : c.companions("google_compute_project_metadata_item")) {
      metadata.put(item.values().text("key"), item.values().text("value"));
    }
    if (metadata.containsKey("enable-oslogin")) {
      out.put("osLogin.enabled", "TRUE".equalsIgnoreCase(metadata.get("enable-oslogin")));
    }
    if (metadata.containsKey("enable-oslogin-2fa")) {
      out.put("osLogin.twoFactor", "TRUE".equalsIgnoreCase(metadata.get("enable-oslogin-2fa")));
    }
    for (TerraformPart shared : c.companions("google_compute_shared_vpc_service_project")) {
      out.put("sharedVpc.role", "SERVICE");
      TerraformFieldTable.copy(
          shared.values(),
          "host_project",
          out,
          "sharedVpc.hostProject",
          TerraformFieldTable::asText);
    }
    List<TerraformPart> contacts = c.companions("google_essential_contacts_contact");
    if (!contacts.isEmpty()) {
      TerraformListBuilder list = new TerraformListBuilder();
      for (TerraformPart contact : contacts) {
        list.addObject(
            contact.values(),
            (x, e) ->
                e.text(x, "email", "email")
                    .strings(x, "notification_category_subscriptions", "categories"));
      }
      list.writeTo(out, "essentialContacts");
    }
    names(c, out, "google_iam_workload_identity_pool", "name", "workloadIdentityPools");
    names(c, out, "google_cloud_asset_project_feed", "name", "assetFeeds");
    names(c, out, "google_os_config_patch_deployment", "name", "osConfig.patchDeployments");
    List<TerraformPart> alerts = c.companions("google_monitoring_alert_policy");
    if (!alerts.isEmpty()) {
      TerraformListBuilder filters = new TerraformListBuilder();
      for (TerraformPart alert : alerts) {
        TerraformPlanValues a = alert.values();
        if (Boolean.FALSE.equals(a.bool("enabled"))) {
          continue;
        }
        for (int i = 0; i < a.size("conditions"); i++) {
          String direct = a.text("conditions." + i + ".condition_matched_log.0.filter");
          filters.addText(direct);
          String threshold = a.text("conditions." + i + ".condition_threshold.0.filter");
          if (threshold != null && threshold.contains("logging.googleapis.com/user/")) {
            String metric =
                threshold.replaceAll(".*logging\\.googleapis\\.com/user/([^\"\\s]+).*", "$1");
            for (TerraformPart logMetric : c.companions("google_logging_metric")) {
              if (metric.equals(logMetric.values().text("name"))) {
                filters.addText(logMetric.values().text("filter"));
              }
            }
          }
        }
      }
      filters.writeTo(out, "alerting.watchedLogFilters");
    }
  }

  private static void names(
      TerraformMappingContext c,
      TerraformAttributeWriter out,
      String type,
      String argument,
      String to) {
    List<TerraformPart> parts = c.companions(type);
    if (parts.isEmpty()) {
      return;
    }
    TerraformListBuilder list = new TerraformListBuilder();
    for (TerraformPart part : parts) {
      if (part.values().isUnknown(argument)) {
        list.markUnknown();
      }
      list.addText(part.values().text(argument));
    }
    list.writeTo(out, to);
  }

  private static void orgPolicies(TerraformMappingContext c, TerraformAttributeWriter out) {
    Map<String, TerraformPlanValues> byConstraint = new LinkedHashMap<>();
    for (TerraformPart policy : c.companions("google_org_policy_policy")) {
      String name = policy.values().text("name");
      if (name != null && name.contains("/policies/")) {
        byConstraint.put(
            "constraints/" + name.substring(name.indexOf("/policies/") + "/policies/".length()),
            policy.values());
      }
    }
    for (TerraformPart policy : c.companions("google_project_organization_policy")) {
      String constraint = policy.values().text("constraint");
      if (constraint != null) {
        byConstraint.put(
            constraint.startsWith("constraints/") ? constraint : "constraints/" + constraint,
            policy.values());
      }
    }
    String[][] booleans = {
      {"constraints/storage.publicAccessPrevention", "orgPolicies.storagePublicAccessPrevention"},
      {"constraints/sql.restrictPublicIp", "orgPolicies.sqlRestrictPublicIp"},
      {"constraints/compute.requireShieldedVm", "orgPolicies.requireShieldedVm"},
      {"constraints/cloudkms.disableBeforeDestroy", "orgPolicies.disableBeforeDestroy"},
      {
        "constraints/iam.disableServiceAccountKeyCreation",
        "orgPolicies.disableServiceAccountKeyCreation"
      }
    };
    for (String[] constraint : booleans) {
      TerraformPlanValues p = byConstraint.get(constraint[0]);
      if (p == null) {
        continue;
      }
      Boolean enforced = p.bool("boolean_policy.0.enforced");
      if (enforced == null) {
        String value = p.text("spec.0.rules.0.enforce");
        enforced = value == null ? null : value.equalsIgnoreCase("TRUE");
      }
      if (enforced != null) {
        out.put(constraint[1], enforced);
      }
    }
    String[][] lists = {
      {"constraints/gcp.resourceLocations", "orgPolicies.resourceLocations", "allowed"},
      {"constraints/gcp.restrictNonCmekServices", "orgPolicies.restrictNonCmekServices", "denied"},
      {
        "constraints/iam.allowedPolicyMemberDomains",
        "orgPolicies.allowedPolicyMemberDomains",
        "allowed"
      }
    };
    for (String[] constraint : lists) {
      TerraformPlanValues p = byConstraint.get(constraint[0]);
      if (p == null) {
        continue;
      }
      TerraformListBuilder values = new TerraformListBuilder();
      String kind = constraint[2];
      values.strings(p, "spec.0.rules.0.values.0." + kind + "_values");
      values.strings(p, "list_policy.0." + kind + ".0.values");
      values.writeTo(out, constraint[1]);
    }
    TerraformPlanValues minimum =
        byConstraint.get("constraints/cloudkms.minimumDestroyScheduledDuration");
    if (minimum != null) {
      for (String value : texts(minimum.get("spec.0.rules.0.values.0.allowed_values"))) {
        Matcher matcher = Pattern.compile("(\\d+)d").matcher(value);
        if (matcher.find()) {
          out.put("orgPolicies.minimumDestroyScheduledDays", Long.parseLong(matcher.group(1)));
        }
      }
    }
  }
}
