package io.lcscan.provider.aws.ec2;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;

/** EBS snapshots the account owns ({@code aws.ec2.snapshot}), with whom each is shared. */
public final class AwsEc2SnapshotCollector implements AwsCollector {
  public static final String TYPE = "aws.ec2.snapshot";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE = CallSpec.of("ec2", "DescribeSnapshots", TYPE);
  private static final CallSpec ATTRIBUTE = CallSpec.of("ec2", "DescribeSnapshotAttribute", TYPE);
  private static final List<CallSpec> SOURCES =
      List.of(DESCRIBE, ATTRIBUTE, CallSpec.of("kms", "DescribeKey"));

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
    List<Snapshot> snapshots = new ArrayList<>();
    context.paginate(
        DESCRIBE,
        token ->
            ec2.describeSnapshots(
                request -> request.ownerIds("self").nextToken(token).maxResults(1000)),
        DescribeSnapshotsResponse::nextToken,
        page -> snapshots.addAll(page.snapshots()));
    context.forEach(snapshots, snapshot -> emit(context, ec2, snapshot));
  }

  private static void emit(AwsCollectionContext context, Ec2Client ec2, Snapshot snapshot)
      throws InterruptedException {
    Resource.Builder resource =
        AwsEc2.resource(context, TYPE, "snapshot", snapshot.snapshotId(), snapshot.tags());
    ObjectNode attributes = resource.attributes();
    text(attributes, "snapshotId", snapshot.snapshotId());
    text(attributes, "state", snapshot.stateAsString());
    attributes.put(
        "awsBackupRecoveryPoint",
        AwsEc2.tags(snapshot.tags()).containsKey("aws:backup:source-resource"));
    time(attributes, "createdAt", snapshot.startTime());
    text(attributes, "volumeId", snapshot.volumeId());
    text(attributes, "description", snapshot.description());
    if (snapshot.volumeId() != null && !"vol-ffffffff".equals(snapshot.volumeId())) {
      resource.reference(
          "sourceVolume", "aws.ec2.volume", AwsEc2.arn(context, "volume", snapshot.volumeId()));
    }
    AwsEncryption.write(context, resource, snapshot.encrypted(), snapshot.kmsKeyId(), TYPES);
    CallResult<DescribeSnapshotAttributeResponse> permissions =
        context.call(
            ATTRIBUTE,
            () ->
                ec2.describeSnapshotAttribute(
                    request ->
                        request
                            .snapshotId(snapshot.snapshotId())
                            .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)));
    if (permissions.ok()) {
      ObjectNode sharing = object(attributes, "sharing");
      boolean everyone = false;
      List<String> accounts = new ArrayList<>();
      for (CreateVolumePermission permission : permissions.value().createVolumePermissions()) {
        if ("all".equals(permission.groupAsString())) {
          everyone = true;
        }
        if (permission.userId() != null) {
          accounts.add(permission.userId());
        }
      }
      sharing.put("public", everyone);
      strings(sharing, "accounts", accounts);
    }
    context.emit(resource, SOURCES);
  }
}
