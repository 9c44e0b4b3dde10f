package io.lcscan.provider.aws.efs;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.DescribeBackupPolicyResponse;
import software.amazon.awssdk.services.efs.model.DescribeFileSystemsResponse;
import software.amazon.awssdk.services.efs.model.DescribeReplicationConfigurationsResponse;
import software.amazon.awssdk.services.efs.model.Destination;
import software.amazon.awssdk.services.efs.model.FileSystemDescription;
import software.amazon.awssdk.services.efs.model.ReplicationConfigurationDescription;
import software.amazon.awssdk.services.efs.model.Tag;

/** EFS file systems ({@code aws.efs.file-system}) with backups, replicas and their key. */
public final class AwsEfsFileSystemCollector implements AwsCollector {
  public static final String TYPE = "aws.efs.file-system";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE =
      CallSpec.of("elasticfilesystem", "DescribeFileSystems", TYPE);
  private static final CallSpec BACKUP_POLICY =
      CallSpec.of("elasticfilesystem", "DescribeBackupPolicy", TYPE);
  private static final CallSpec REPLICATIONS =
      CallSpec.of("elasticfilesystem", "DescribeReplicationConfigurations", TYPE);
  private static final List<CallSpec> SOURCES =
      List.of(
          DESCRIBE,
          BACKUP_POLICY,
          REPLICATIONS,
          CallSpec.of("kms", "DescribeKey"),
          CallSpec.of("backup", "ListProtectedResources"));

  @Override
  public String service() {
    return "efs";
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
    return Optional.of(EfsClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    EfsClient efs = context.client(EfsClient.class);
    List<FileSystemDescription> fileSystems = new ArrayList<>();
    context.paginate(
        DESCRIBE,
        token -> efs.describeFileSystems(request -> request.marker(token)),
        DescribeFileSystemsResponse::nextMarker,
        page -> fileSystems.addAll(page.fileSystems()));
    if (fileSystems.isEmpty()) {
      return;
    }
    Map<String, List<Destination>> replicas = new HashMap<>();
    boolean replicasKnown =
        context.paginate(
            REPLICATIONS,
            token -> efs.describeReplicationConfigurations(request -> request.nextToken(token)),
            DescribeReplicationConfigurationsResponse::nextToken,
            page -> {
              for (ReplicationConfigurationDescription replication : page.replications()) {
                replicas
                    .computeIfAbsent(replication.sourceFileSystemId(), id -> new ArrayList<>())
                    .addAll(replication.destinations());
              }
            });
    CallResult<Map<String, Instant>> backups = context.lookups().protectedResources(context);
    context.gap(backups, "backup:ListProtectedResources", TYPES);
    context.forEach(
        fileSystems,
        fileSystem -> {
          Resource.Builder resource =
              context
                  .resource(TYPE, fileSystem.fileSystemArn())
                  .name(fileSystem.name() != null ? fileSystem.name() : fileSystem.fileSystemId());
          resource.tags(AwsAttributes.tags(fileSystem.tags(), Tag::key, Tag::value));
          ObjectNode attributes = resource.attributes();
          text(attributes, "lifeCycleState", fileSystem.lifeCycleStateAsString());
          time(attributes, "createdAt", fileSystem.creationTime());
          AwsEncryption.write(
              context, resource, fileSystem.encrypted(), fileSystem.kmsKeyId(), TYPES);
          ObjectNode backup = object(attributes, "backup");
          CallResult<DescribeBackupPolicyResponse> policy =
              context.call(
                  BACKUP_POLICY.absentWhen("PolicyNotFound"),
                  () ->
                      efs.describeBackupPolicy(
                          request -> request.fileSystemId(fileSystem.fileSystemId())));
          if (policy.notFound()) {
            backup.put("enabled", false);
          } else if (policy.ok()) {
            backup.put(
                "enabled",
                policy.value().backupPolicy() != null
                    && "ENABLED".equals(policy.value().backupPolicy().statusAsString()));
          }
          if (backups.ok()) {
            backup.put("awsBackup", backups.value().containsKey(fileSystem.fileSystemArn()));
          }
          if (replicasKnown) {
            ArrayNode destinations = object(attributes, "replication").putArray("destinations");
            for (Destination destination :
                replicas.getOrDefault(fileSystem.fileSystemId(), List.of())) {
              ObjectNode node = destinations.addObject();
              text(node, "region", destination.region());
              node.put("encrypted", true);
              text(node, "target", destination.fileSystemId());
              text(node, "accountId", destination.ownerId());
            }
          }
          context.emit(resource, SOURCES);
        });
  }
}
