package io.lcscan.provider.aws.kms;

import static io.lcscan.provider.aws.AwsAttributes.bool;
import static io.lcscan.provider.aws.AwsAttributes.integer;
import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.strings;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsAttributes;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.aws.AwsPolicies;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.ListAliasesResponse;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.ListResourceTagsResponse;
import software.amazon.awssdk.services.kms.model.MultiRegionKey;
import software.amazon.awssdk.services.kms.model.Tag;

/** KMS keys ({@code aws.kms.key}) of one region, with rotation, aliases and the deletion window. */
public final class AwsKmsKeyCollector implements AwsCollector {
  public static final String TYPE = "aws.kms.key";
  private static final Set<String> TYPES = Set.of(TYPE);

  private static final CallSpec LIST_KEYS = CallSpec.of("kms", "ListKeys", TYPE);
  private static final CallSpec LIST_ALIASES = CallSpec.of("kms", "ListAliases", TYPE);
  private static final CallSpec DESCRIBE = CallSpec.of("kms", "DescribeKey", TYPE);
  // asymmetric and HMAC keys do not rotate; a key pending deletion cannot be asked
  private static final CallSpec ROTATION =
      CallSpec.of("kms", "GetKeyRotationStatus", TYPE)
          .absentWhen("UnsupportedOperationException", "KMSInvalidStateException");
  private static final CallSpec POLICY =
      CallSpec.of("kms", "GetKeyPolicy", TYPE).absentWhen("KMSInvalidStateException");
  private static final CallSpec TAGS =
      CallSpec.of("kms", "ListResourceTags", TYPE).absentWhen("KMSInvalidStateException");
  private static final List<CallSpec> SOURCES =
      List.of(LIST_KEYS, DESCRIBE, ROTATION, LIST_ALIASES, POLICY, TAGS);

  @Override
  public String service() {
    return "kms";
  }

  @Override
  public Set<String> resourceTypes() {
    return TYPES;
  }

  @Override
  public AwsPlacement placement() {
    return AwsPlacement.REGIONAL;
  }

  @Override
  public Optional<ServiceMetadata> serviceMetadata() {
    return Optional.of(KmsClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    KmsClient kms = context.client(KmsClient.class);
    List<KeyListEntry> keys = new ArrayList<>();
    context.paginate(
        LIST_KEYS,
        token -> kms.listKeys(request -> request.marker(token)),
        page -> Boolean.TRUE.equals(page.truncated()) ? page.nextMarker() : null,
        (ListKeysResponse page) -> keys.addAll(page.keys()));
    Map<String, List<String>> aliases = new ConcurrentHashMap<>();
    boolean aliasesComplete =
        context.paginate(
            LIST_ALIASES,
            token -> kms.listAliases(request -> request.marker(token)),
            page -> Boolean.TRUE.equals(page.truncated()) ? page.nextMarker() : null,
            (ListAliasesResponse page) -> {
              for (AliasListEntry alias : page.aliases()) {
                if (alias.targetKeyId() != null) {
                  aliases
                      .computeIfAbsent(alias.targetKeyId(), ignored -> new ArrayList<>())
                      .add(alias.aliasName());
                }
              }
            });
    context.forEach(keys, key -> collectKey(context, kms, key, aliasesComplete ? aliases : null));
  }

  private static void collectKey(
      AwsCollectionContext context,
      KmsClient kms,
      KeyListEntry key,
      Map<String, List<String>> aliases)
      throws InterruptedException {
    CallResult<KeyMetadata> described =
        context.call(
            DESCRIBE, () -> kms.describeKey(request -> request.keyId(key.keyId())).keyMetadata());
    if (!described.ok()) {
      return;
    }
    KeyMetadata metadata = described.value();
    Resource.Builder resource = context.resource(TYPE, metadata.arn());
    ObjectNode attributes = resource.attributes();
    String manager = metadata.keyManagerAsString();
    text(attributes, "keyManager", manager);
    text(attributes, "state", metadata.keyStateAsString());
    text(attributes, "keySpec", metadata.keySpecAsString());
    text(attributes, "keyUsage", metadata.keyUsageAsString());
    text(attributes, "origin", metadata.originAsString());
    text(attributes, "customKeyStoreId", metadata.customKeyStoreId());
    time(attributes, "createdAt", metadata.creationDate());
    bool(attributes, "multiRegion", metadata.multiRegion());
    List<String> names = aliases == null ? null : aliases.getOrDefault(metadata.keyId(), List.of());
    if (names != null) {
      List<String> sorted = new ArrayList<>(names);
      sorted.sort(null);
      strings(attributes, "aliases", sorted);
      resource.name(sorted.isEmpty() ? metadata.keyId() : sorted.get(0));
    } else {
      resource.name(metadata.keyId());
    }
    List<String> replicaRegions = new ArrayList<>();
    if (metadata.multiRegionConfiguration() != null) {
      text(
          attributes,
          "multiRegionKeyType",
          metadata.multiRegionConfiguration().multiRegionKeyTypeAsString());
      MultiRegionKey primary = metadata.multiRegionConfiguration().primaryKey();
      if (primary != null && !context.region().equals(primary.region())) {
        replicaRegions.add(primary.region());
      }
      for (MultiRegionKey replica : metadata.multiRegionConfiguration().replicaKeys()) {
        if (!context.region().equals(replica.region())) {
          replicaRegions.add(replica.region());
        }
      }
    }
    strings(attributes, "replicaRegions", replicaRegions);

    String state = metadata.keyStateAsString();
    ObjectNode deletion = object(attributes, "deletion");
    deletion.put(
        "pendingDeletion",
        "PendingDeletion".equals(state) || "PendingReplicaDeletion".equals(state));
    integer(deletion, "windowDays", metadata.pendingDeletionWindowInDays());
    time(deletion, "deletionDate", metadata.deletionDate());

    CallResult<GetKeyRotationStatusResponse> rotation =
        context.call(
            ROTATION, () -> kms.getKeyRotationStatus(request -> request.keyId(key.keyId())));
    if (rotation.ok()) {
      ObjectNode node = object(attributes, "rotation");
      boolean enabled = Boolean.TRUE.equals(rotation.value().keyRotationEnabled());
      node.put("enabled", enabled);
      if (enabled) {
        integer(node, "periodDays", rotation.value().rotationPeriodInDays());
        time(node, "nextRotationAt", rotation.value().nextRotationDate());
      }
    } else if (rotation
        .failure()
        .map(f -> "UnsupportedOperationException".equals(f.errorCode()))
        .orElse(false)) {
      object(attributes, "rotation").put("enabled", false);
    }

    if ("CUSTOMER".equals(manager)) {
      CallResult<String> policy =
          context.call(
              POLICY,
              () ->
                  kms.getKeyPolicy(request -> request.keyId(key.keyId()).policyName("default"))
                      .policy());
      if (policy.ok()) {
        Integer minimum = policyMinWindowDays(policy.value());
        integer(deletion, "policyMinWindowDays", minimum);
      }
      Map<String, String> tags = new TreeMap<>();
      context.paginate(
          TAGS,
          token -> kms.listResourceTags(request -> request.keyId(key.keyId()).marker(token)),
          page -> Boolean.TRUE.equals(page.truncated()) ? page.nextMarker() : null,
          (ListResourceTagsResponse page) ->
              tags.putAll(AwsAttributes.tags(page.tags(), Tag::tagKey, Tag::tagValue)));
      resource.tags(tags);
    }
    context.emit(resource, SOURCES);
  }

  /**
   * The smallest pending window the key policy lets anyone choose: a Deny of
   * kms:ScheduleKeyDeletion below N days, or an Allow only from N days, gives N; the strictest
   * wins. Null when the policy puts no condition on the window.
   */
  static Integer policyMinWindowDays(String document) {
    Optional<JsonNode> policy = AwsPolicies.parse(document);
    if (policy.isEmpty()) {
      return null;
    }
    Integer minimum = null;
    String key = "kms:ScheduleKeyDeletionPendingWindowInDays";
    for (JsonNode statement : AwsPolicies.statements(policy.get())) {
      if (!AwsPolicies.coversAction(statement, "kms:ScheduleKeyDeletion")) {
        continue;
      }
      List<String> values = List.of();
      if (AwsPolicies.effectIs(statement, "Deny")) {
        values = AwsPolicies.condition(statement, "NumericLessThan", key);
      } else if (AwsPolicies.effectIs(statement, "Allow")) {
        values = AwsPolicies.condition(statement, "NumericGreaterThanEquals", key);
      }
      for (String value : values) {
        try {
          int days = Integer.parseInt(value.trim());
          minimum = minimum == null ? days : Math.max(minimum, days);
        } catch (NumberFormatException e) {
          // a policy variable or a typo: not a bound this check can use
        }
      }
    }
    return minimum;
  }
}
