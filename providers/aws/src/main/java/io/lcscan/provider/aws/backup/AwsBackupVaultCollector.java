package io.lcscan.provider.aws.backup;

import static io.lcscan.provider.aws.AwsAttributes.integer;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsEncryption;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupVaultListMember;
import software.amazon.awssdk.services.backup.model.DescribeBackupVaultResponse;
import software.amazon.awssdk.services.backup.model.ListBackupVaultsResponse;
import software.amazon.awssdk.services.backup.model.ListRecoveryPointsByBackupVaultResponse;
import software.amazon.awssdk.services.backup.model.RecoveryPointByBackupVault;

/** AWS Backup vaults ({@code aws.backup.vault}) with their recovery points summarised by source. */
public final class AwsBackupVaultCollector implements AwsCollector {
  public static final String TYPE = "aws.backup.vault";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec LIST = CallSpec.of("backup", "ListBackupVaults", TYPE);
  private static final CallSpec DESCRIBE = CallSpec.of("backup", "DescribeBackupVault", TYPE);
  private static final CallSpec POINTS =
      CallSpec.of("backup", "ListRecoveryPointsByBackupVault", TYPE);
  private static final List<CallSpec> SOURCES =
      List.of(LIST, DESCRIBE, POINTS, CallSpec.of("kms", "DescribeKey"));

  @Override
  public String service() {
    return "backup";
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
    return Optional.of(BackupClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    BackupClient backup = context.client(BackupClient.class);
    List<BackupVaultListMember> vaults = new ArrayList<>();
    context.paginate(
        LIST,
        token -> backup.listBackupVaults(request -> request.nextToken(token)),
        ListBackupVaultsResponse::nextToken,
        page -> vaults.addAll(page.backupVaultList()));
    context.forEach(
        vaults,
        listed -> {
          CallResult<DescribeBackupVaultResponse> described =
              context.call(
                  DESCRIBE,
                  () ->
                      backup.describeBackupVault(
                          request -> request.backupVaultName(listed.backupVaultName())));
          if (!described.ok()) {
            return;
          }
          DescribeBackupVaultResponse vault = described.value();
          Resource.Builder resource =
              context.resource(TYPE, vault.backupVaultArn()).name(vault.backupVaultName());
          ObjectNode attributes = resource.attributes();
          AwsEncryption.write(context, resource, true, vault.encryptionKeyArn(), TYPES);
          boolean locked = Boolean.TRUE.equals(vault.locked());
          attributes.put("locked", locked);
          if (locked) {
            Instant lockDate = vault.lockDate();
            attributes.put(
                "lockMode",
                lockDate != null && lockDate.isBefore(Instant.now()) ? "compliance" : "governance");
            integer(attributes, "minRetentionDays", vault.minRetentionDays());
            integer(attributes, "maxRetentionDays", vault.maxRetentionDays());
          }
          integer(attributes, "recoveryPointCount", vault.numberOfRecoveryPoints());
          Map<String, Summary> byResource = new TreeMap<>();
          boolean complete =
              context.paginate(
                  POINTS,
                  token ->
                      backup.listRecoveryPointsByBackupVault(
                          request ->
                              request.backupVaultName(vault.backupVaultName()).nextToken(token)),
                  ListRecoveryPointsByBackupVaultResponse::nextToken,
                  page -> {
                    for (RecoveryPointByBackupVault point : page.recoveryPoints()) {
                      byResource
                          .computeIfAbsent(
                              point.resourceArn(), arn -> new Summary(point.resourceType()))
                          .add(point);
                    }
                  });
          if (complete) {
            ArrayNode list = attributes.putArray("recoveryPointsByResource");
            byResource.forEach(
                (arn, summary) -> {
                  ObjectNode node = list.addObject();
                  text(node, "resourceArn", arn);
                  text(node, "resourceType", summary.type);
                  node.put("count", summary.count);
                  time(node, "latestAt", summary.latest);
                  if (!summary.keptForever) {
                    time(node, "lastDeleteAt", summary.lastDelete);
                  }
                });
          }
          context.emit(resource, SOURCES);
        });
  }

  private static final class Summary {
    private final String type;
    private int count;
    private Instant latest;
    private Instant lastDelete;
    private boolean keptForever;

    Summary(String type) {
      this.type = type;
    }

    void add(RecoveryPointByBackupVault point) {
      count++;
      if (point.creationDate() != null
          && (latest == null || point.creationDate().isAfter(latest))) {
        latest = point.creationDate();
      }
      Instant deleteAt =
          point.calculatedLifecycle() == null ? null : point.calculatedLifecycle().deleteAt();
      if (deleteAt == null) {
        keptForever = true;
      } else if (lastDelete == null || deleteAt.isAfter(lastDelete)) {
        lastDelete = deleteAt;
      }
    }
  }
}
