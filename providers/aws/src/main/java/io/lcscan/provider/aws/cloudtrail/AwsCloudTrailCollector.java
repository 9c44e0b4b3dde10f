package io.lcscan.provider.aws.cloudtrail;

import static io.lcscan.provider.aws.AwsAttributes.bool;
import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.strings;
import static io.lcscan.provider.aws.AwsAttributes.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsAttributes;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.DataResource;
import software.amazon.awssdk.services.cloudtrail.model.DescribeTrailsResponse;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.ListTagsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ResourceTag;
import software.amazon.awssdk.services.cloudtrail.model.Tag;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * CloudTrail trails ({@code aws.cloudtrail.trail}). Every region lists multi-region and
 * organization trails too; a trail is emitted once, by the collector of its home region.
 */
public final class AwsCloudTrailCollector implements AwsCollector {
  public static final String TYPE = "aws.cloudtrail.trail";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final String S3_OBJECT = "AWS::S3::Object";
  private static final CallSpec DESCRIBE = CallSpec.of("cloudtrail", "DescribeTrails", TYPE);
  private static final CallSpec STATUS = CallSpec.of("cloudtrail", "GetTrailStatus", TYPE);
  private static final CallSpec SELECTORS = CallSpec.of("cloudtrail", "GetEventSelectors", TYPE);
  private static final CallSpec TAGS = CallSpec.of("cloudtrail", "ListTags", TYPE);
  private static final List<CallSpec> SOURCES = List.of(DESCRIBE, STATUS, SELECTORS, TAGS);

  @Override
  public String service() {
    return "cloudtrail";
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
    return Optional.of(CloudTrailClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    CloudTrailClient cloudTrail = context.client(CloudTrailClient.class);
    CallResult<DescribeTrailsResponse> trails =
        context.call(
            DESCRIBE,
            () -> cloudTrail.describeTrails(request -> request.includeShadowTrails(true)));
    if (!trails.ok()) {
      return;
    }
    for (Trail trail : trails.value().trailList()) {
      if (!context.region().equals(trail.homeRegion())) {
        continue;
      }
      Resource.Builder resource = context.resource(TYPE, trail.trailARN()).name(trail.name());
      ObjectNode attributes = resource.attributes();
      CallResult<GetTrailStatusResponse> status =
          context.call(
              STATUS, () -> cloudTrail.getTrailStatus(request -> request.name(trail.trailARN())));
      if (status.ok()) {
        bool(attributes, "isLogging", status.value().isLogging());
      }
      bool(attributes, "multiRegion", trail.isMultiRegionTrail());
      bool(attributes, "organization", trail.isOrganizationTrail());
      bool(attributes, "includeGlobalServiceEvents", trail.includeGlobalServiceEvents());
      bool(attributes, "logFileValidation", trail.logFileValidationEnabled());
      text(attributes, "s3BucketName", trail.s3BucketName());
      text(attributes, "cloudWatchLogsLogGroupArn", trail.cloudWatchLogsLogGroupArn());
      ObjectNode encryption = object(attributes, "encryption");
      boolean customerKey = trail.kmsKeyId() != null && !trail.kmsKeyId().isEmpty();
      encryption.put("customerManagedKey", customerKey);
      text(encryption, "keyId", trail.kmsKeyId());
      if (customerKey) {
        resource.reference("kmsKey", "aws.kms.key", trail.kmsKeyId());
      }
      if (trail.s3BucketName() != null) {
        resource.reference(
            "logBucket",
            "aws.s3.bucket",
            "arn:" + context.partition() + ":s3:::" + trail.s3BucketName());
      }
      CallResult<GetEventSelectorsResponse> selectors =
          context.call(
              SELECTORS,
              () -> cloudTrail.getEventSelectors(request -> request.trailName(trail.trailARN())));
      if (selectors.ok()) {
        dataEvents(object(attributes, "dataEvents"), selectors.value());
      }
      CallResult<ListTagsResponse> tags =
          context.call(
              TAGS, () -> cloudTrail.listTags(request -> request.resourceIdList(trail.trailARN())));
      if (tags.ok()) {
        for (ResourceTag tag : tags.value().resourceTagList()) {
          resource.tags(AwsAttributes.tags(tag.tagsList(), Tag::key, Tag::value));
        }
      }
      context.emit(resource, SOURCES);
    }
  }

  /** S3 data events: all buckets, or the buckets named (each as arn:aws:s3:::bucket/). */
  static void dataEvents(ObjectNode node, GetEventSelectorsResponse selectors) {
    boolean all = false;
    Set<String> buckets = new LinkedHashSet<>();
    for (EventSelector selector : selectors.eventSelectors()) {
      for (DataResource resource : selector.dataResources()) {
        if (!S3_OBJECT.equals(resource.type())) {
          continue;
        }
        for (String value : resource.values()) {
          if (isAllBuckets(value)) {
            all = true;
          } else {
            buckets.add(bucketPrefix(value));
          }
        }
      }
    }
    for (AdvancedEventSelector selector : selectors.advancedEventSelectors()) {
      boolean s3Objects = false;
      boolean named = false;
      Set<String> arns = new LinkedHashSet<>();
      for (AdvancedFieldSelector field : selector.fieldSelectors()) {
        if ("resources.type".equals(field.field()) && field.equalsValue().contains(S3_OBJECT)) {
          s3Objects = true;
        }
        if ("resources.ARN".equals(field.field())) {
          named = true;
          field.equalsValue().forEach(value -> arns.add(bucketPrefix(value)));
          field.startsWith().forEach(value -> arns.add(bucketPrefix(value)));
        }
      }
      if (s3Objects) {
        if (named) {
          buckets.addAll(arns);
        } else {
          all = true;
        }
      }
    }
    node.put("s3AllBuckets", all);
    strings(node, "s3BucketArns", buckets);
  }

  private static boolean isAllBuckets(String value) {
    return value.equals("arn:aws:s3")
        || value.equals("arn:aws:s3:::")
        || value.matches("arn:[^:]+:s3(:::)?");
  }

  private static String bucketPrefix(String arn) {
    String rest = arn.replaceFirst("^arn:([^:]+):s3:::", "");
    String partition = arn.startsWith("arn:") ? arn.split(":", 3)[1] : "aws";
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    return "arn:" + partition + ":s3:::" + bucket + "/";
  }
}
