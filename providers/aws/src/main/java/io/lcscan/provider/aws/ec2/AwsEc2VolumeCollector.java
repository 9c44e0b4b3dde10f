package io.lcscan.provider.aws.ec2;

import static io.lcscan.provider.aws.AwsAttributes.bool;
import static io.lcscan.provider.aws.AwsAttributes.integer;
import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.strings;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

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
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/** EBS volumes ({@code aws.ec2.volume}), with their key and AWS Backup coverage. */
public final class AwsEc2VolumeCollector implements AwsCollector {
  public static final String TYPE = "aws.ec2.volume";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE = CallSpec.of("ec2", "DescribeVolumes", TYPE);
  private static final List<CallSpec> SOURCES =
      List.of(
          DESCRIBE,
          CallSpec.of("kms", "DescribeKey"),
          CallSpec.of("backup", "ListProtectedResources"));

  @Override
  public String service() {
    return "ec2";
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
    return Optional.of(Ec2Client.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    Ec2Client ec2 = context.client(Ec2Client.class);
    List<Volume> volumes = new ArrayList<>();
    context.paginate(
        DESCRIBE,
        token -> ec2.describeVolumes(request -> request.nextToken(token).maxResults(500)),
        DescribeVolumesResponse::nextToken,
        page -> volumes.addAll(page.volumes()));
    if (volumes.isEmpty()) {
      return;
    }
    CallResult<Map<String, Instant>> backups = context.lookups().protectedResources(context);
    context.gap(backups, "backup:ListProtectedResources", TYPES);
    context.forEach(volumes, volume -> emit(context, volume, backups));
  }

  private static void emit(
      AwsCollectionContext context, Volume volume, CallResult<Map<String, Instant>> backups)
      throws InterruptedException {
    Resource.Builder resource =
        AwsEc2.resource(context, TYPE, "volume", volume.volumeId(), volume.tags());
    ObjectNode attributes = resource.attributes();
    text(attributes, "volumeId", volume.volumeId());
    text(attributes, "state", volume.stateAsString());
    List<String> instances = new ArrayList<>();
    for (VolumeAttachment attachment : volume.attachments()) {
      instances.add(attachment.instanceId());
      resource.reference(
          "attachedTo",
          "aws.ec2.instance",
          AwsEc2.arn(context, "instance", attachment.instanceId()));
    }
    attributes.put("attached", !volume.attachments().isEmpty());
    strings(attributes, "attachedInstanceIds", instances);
    time(attributes, "createdAt", volume.createTime());
    integer(attributes, "sizeGiB", volume.size());
    text(attributes, "snapshotId", volume.snapshotId());
    if (volume.snapshotId() != null && !volume.snapshotId().isEmpty()) {
      resource.reference(
          "sourceSnapshot",
          "aws.ec2.snapshot",
          AwsEc2.arn(context, "snapshot", volume.snapshotId()));
    }
    AwsEncryption.write(context, resource, volume.encrypted(), volume.kmsKeyId(), TYPES);
    if (backups.ok()) {
      ObjectNode backup = object(attributes, "backup");
      Instant last = backups.value().get(resource.build().id());
      bool(backup, "awsBackup", last != null);
      if (last != null && !Instant.EPOCH.equals(last)) {
        time(backup, "lastBackupAt", last);
      }
    }
    context.emit(resource, SOURCES);
  }
}
