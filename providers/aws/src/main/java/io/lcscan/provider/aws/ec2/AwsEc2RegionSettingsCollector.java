package io.lcscan.provider.aws.ec2;

import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.aws.AwsPolicies;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GetEbsDefaultKmsKeyIdResponse;
import software.amazon.awssdk.services.ec2.model.GetEbsEncryptionByDefaultResponse;
import software.amazon.awssdk.services.ec2.model.GetImageBlockPublicAccessStateResponse;
import software.amazon.awssdk.services.ec2.model.GetSnapshotBlockPublicAccessStateResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetDocumentResponse;

/**
 * The per-region account settings of EC2 and Session Manager ({@code aws.ec2.region-settings}): one
 * resource per account and region, whatever the region holds.
 */
public final class AwsEc2RegionSettingsCollector implements AwsCollector {
  public static final String TYPE = "aws.ec2.region-settings";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec EBS_DEFAULT = CallSpec.of("ec2", "GetEbsEncryptionByDefault", TYPE);
  private static final CallSpec EBS_KEY = CallSpec.of("ec2", "GetEbsDefaultKmsKeyId", TYPE);
  private static final CallSpec SNAPSHOT_BLOCK =
      CallSpec.of("ec2", "GetSnapshotBlockPublicAccessState", TYPE);
  private static final CallSpec IMAGE_BLOCK =
      CallSpec.of("ec2", "GetImageBlockPublicAccessState", TYPE);
  // a region where Session Manager preferences were never saved has no such document
  private static final CallSpec SESSION_DOCUMENT =
      CallSpec.of("ssm", "GetDocument", TYPE).absentWhen("InvalidDocument");
  private static final List<CallSpec> SOURCES =
      List.of(EBS_DEFAULT, EBS_KEY, SNAPSHOT_BLOCK, IMAGE_BLOCK, SESSION_DOCUMENT);

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
    String id = "aws:ec2:" + context.region() + ":" + context.accountId() + ":region-settings";
    Resource.Builder resource =
        context.resource(TYPE, id).name("region-settings " + context.region());
    ObjectNode attributes = resource.attributes();

    CallResult<GetEbsEncryptionByDefaultResponse> byDefault =
        context.call(EBS_DEFAULT, () -> ec2.getEbsEncryptionByDefault(request -> {}));
    if (byDefault.ok()) {
      attributes.put(
          "ebsEncryptionByDefault",
          Boolean.TRUE.equals(byDefault.value().ebsEncryptionByDefault()));
    }
    CallResult<GetEbsDefaultKmsKeyIdResponse> key =
        context.call(EBS_KEY, () -> ec2.getEbsDefaultKmsKeyId(request -> {}));
    if (key.ok() && key.value().kmsKeyId() != null) {
      CallResult<KeyMetadata> described = context.lookups().key(context, key.value().kmsKeyId());
      if (described.ok()) {
        text(attributes, "ebsDefaultKmsKeyId", described.value().arn());
        resource.reference("kmsKey", "aws.kms.key", described.value().arn());
      } else {
        context.gap(described, "kms:DescribeKey", TYPES);
      }
    }
    CallResult<GetSnapshotBlockPublicAccessStateResponse> snapshots =
        context.call(SNAPSHOT_BLOCK, () -> ec2.getSnapshotBlockPublicAccessState(request -> {}));
    if (snapshots.ok()) {
      text(attributes, "snapshotBlockPublicAccess", snapshots.value().stateAsString());
    }
    CallResult<GetImageBlockPublicAccessStateResponse> images =
        context.call(IMAGE_BLOCK, () -> ec2.getImageBlockPublicAccessState(request -> {}));
    if (images.ok()) {
      text(attributes, "imageBlockPublicAccess", images.value().imageBlockPublicAccessState());
    }
    SsmClient ssm = context.client(SsmClient.class);
    CallResult<GetDocumentResponse> document =
        context.call(
            SESSION_DOCUMENT,
            () -> ssm.getDocument(request -> request.name("SSM-SessionManagerRunShell")));
    if (document.notFound()) {
      object(attributes, "sessionManager").put("configured", false);
    } else if (document.ok()) {
      ObjectNode session = object(attributes, "sessionManager");
      session.put("configured", true);
      Optional<JsonNode> content = AwsPolicies.parse(document.value().content());
      if (content.isPresent()) {
        JsonNode inputs = content.get().path("inputs");
        text(session, "s3BucketName", inputs.path("s3BucketName").asText(null));
        text(session, "cloudWatchLogGroupName", inputs.path("cloudWatchLogGroupName").asText(null));
      }
    }
    context.emit(resource, SOURCES);
  }
}
