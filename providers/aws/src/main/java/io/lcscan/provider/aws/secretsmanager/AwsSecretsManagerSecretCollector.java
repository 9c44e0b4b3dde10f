package io.lcscan.provider.aws.secretsmanager;

import static io.lcscan.provider.aws.AwsAttributes.integer;
import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsAttributes;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsEncryption;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ReplicationStatusType;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Secrets Manager secrets ({@code aws.secretsmanager.secret}): metadata only; lcscan never calls
 * GetSecretValue.
 */
public final class AwsSecretsManagerSecretCollector implements AwsCollector {
  public static final String TYPE = "aws.secretsmanager.secret";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec LIST = CallSpec.of("secretsmanager", "ListSecrets", TYPE);
  private static final CallSpec DESCRIBE = CallSpec.of("secretsmanager", "DescribeSecret", TYPE);
  private static final List<CallSpec> SOURCES =
      List.of(LIST, DESCRIBE, CallSpec.of("kms", "DescribeKey"));

  @Override
  public String service() {
    return "secretsmanager";
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
    return Optional.of(SecretsManagerClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    SecretsManagerClient secrets = context.client(SecretsManagerClient.class);
    List<SecretListEntry> entries = new ArrayList<>();
    context.paginate(
        LIST,
        token -> secrets.listSecrets(request -> request.nextToken(token).maxResults(100)),
        ListSecretsResponse::nextToken,
        page -> entries.addAll(page.secretList()));
    context.forEach(
        entries,
        entry -> {
          CallResult<DescribeSecretResponse> described =
              context.call(
                  DESCRIBE, () -> secrets.describeSecret(request -> request.secretId(entry.arn())));
          if (!described.ok()) {
            return;
          }
          DescribeSecretResponse secret = described.value();
          Resource.Builder resource = context.resource(TYPE, secret.arn()).name(secret.name());
          resource.tags(AwsAttributes.tags(secret.tags(), Tag::key, Tag::value));
          ObjectNode attributes = resource.attributes();
          time(attributes, "createdAt", secret.createdDate());
          time(attributes, "lastRotatedAt", secret.lastRotatedDate());
          time(attributes, "lastAccessedAt", secret.lastAccessedDate());
          ObjectNode rotation = object(attributes, "rotation");
          boolean enabled = Boolean.TRUE.equals(secret.rotationEnabled());
          rotation.put("enabled", enabled);
          if (enabled && secret.rotationRules() != null) {
            integer(rotation, "periodDays", secret.rotationRules().automaticallyAfterDays());
          }
          ObjectNode encryption = object(attributes, "encryption");
          if (secret.kmsKeyId() == null || secret.kmsKeyId().isEmpty()) {
            encryption.put("customerManagedKey", false);
          } else {
            AwsEncryption.resolve(context, resource, encryption, secret.kmsKeyId(), TYPES);
          }
          ArrayNode destinations = object(attributes, "replication").putArray("destinations");
          for (ReplicationStatusType replica : secret.replicationStatus()) {
            ObjectNode node = destinations.addObject();
            text(node, "region", replica.region());
            node.put("encrypted", true);
            text(node, "keyId", replica.kmsKeyId());
          }
          text(attributes, "owningService", secret.owningService());
          context.emit(resource, SOURCES);
        });
  }
}
