package io.lcscan.provider.aws.ec2;

import static io.lcscan.provider.aws.AwsAttributes.integer;
import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.strings;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ComplianceQueryOperatorType;
import software.amazon.awssdk.services.ssm.model.ComplianceStringFilter;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationResponse;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstancePatchState;
import software.amazon.awssdk.services.ssm.model.ListResourceComplianceSummariesResponse;
import software.amazon.awssdk.services.ssm.model.ResourceComplianceSummaryItem;

/**
 * EC2 instances ({@code aws.ec2.instance}) not terminated, with the AMI they came from and what
 * Systems Manager knows of them (agent registration, association compliance, patch state).
 */
public final class AwsEc2InstanceCollector implements AwsCollector {
  public static final String TYPE = "aws.ec2.instance";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE = CallSpec.of("ec2", "DescribeInstances", TYPE);
  private static final CallSpec IMAGES = CallSpec.of("ec2", "DescribeImages", TYPE);
  private static final CallSpec SSM_INFO = CallSpec.of("ssm", "DescribeInstanceInformation", TYPE);
  private static final CallSpec SSM_PATCH = CallSpec.of("ssm", "DescribeInstancePatchStates", TYPE);
  private static final CallSpec SSM_COMPLIANCE =
      CallSpec.of("ssm", "ListResourceComplianceSummaries", TYPE);
  private static final List<CallSpec> SOURCES =
      List.of(DESCRIBE, IMAGES, SSM_INFO, SSM_PATCH, SSM_COMPLIANCE);
  private static final Pattern STOPPED_AT =
      Pattern.compile("\\((\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) GMT\\)");

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
    List<Instance> instances = new ArrayList<>();
    context.paginate(
        DESCRIBE,
        token -> ec2.describeInstances(request -> request.nextToken(token).maxResults(1000)),
        DescribeInstancesResponse::nextToken,
        page -> {
          for (Reservation reservation : page.reservations()) {
            for (Instance instance : reservation.instances()) {
              if (!"terminated".equals(instance.state().nameAsString())) {
                instances.add(instance);
              }
            }
          }
        });
    if (instances.isEmpty()) {
      return;
    }
    Map<String, Image> images = images(context, ec2, instances);
    SsmClient ssm = context.client(SsmClient.class);
    Map<String, InstanceInformation> managed = new HashMap<>();
    boolean managedKnown =
        context.paginate(
            SSM_INFO,
            token ->
                ssm.describeInstanceInformation(request -> request.nextToken(token).maxResults(50)),
            DescribeInstanceInformationResponse::nextToken,
            page ->
                page.instanceInformationList()
                    .forEach(info -> managed.put(info.instanceId(), info)));
    Map<String, InstancePatchState> patches = new HashMap<>();
    boolean patchesKnown = true;
    List<String> managedIds = new ArrayList<>(new TreeSet<>(managed.keySet()));
    for (int from = 0; from < managedIds.size(); from += 50) {
      List<String> batch = managedIds.subList(from, Math.min(from + 50, managedIds.size()));
      patchesKnown &=
          context.paginate(
              SSM_PATCH,
              token ->
                  ssm.describeInstancePatchStates(
                      request -> request.instanceIds(batch).nextToken(token).maxResults(50)),
              page -> page.nextToken(),
              page ->
                  page.instancePatchStates()
                      .forEach(state -> patches.put(state.instanceId(), state)));
    }
    Map<String, String> associations = new HashMap<>();
    boolean associationsKnown =
        managed.isEmpty()
            || context.paginate(
                SSM_COMPLIANCE,
                token ->
                    ssm.listResourceComplianceSummaries(
                        request ->
                            request
                                .filters(
                                    ComplianceStringFilter.builder()
                                        .key("ComplianceType")
                                        .values("Association")
                                        .type(ComplianceQueryOperatorType.EQUAL)
                                        .build())
                                .nextToken(token)),
                ListResourceComplianceSummariesResponse::nextToken,
                page -> {
                  for (ResourceComplianceSummaryItem item : page.resourceComplianceSummaryItems()) {
                    if ("Association".equals(item.complianceType())) {
                      associations.put(item.resourceId(), item.statusAsString());
                    }
                  }
                });
    for (Instance instance : instances) {
      Resource.Builder resource =
          AwsEc2.resource(context, TYPE, "instance", instance.instanceId(), instance.tags());
      ObjectNode attributes = resource.attributes();
      String state = instance.state().nameAsString();
      text(attributes, "state", state);
      if ("stopped".equals(state)) {
        time(attributes, "stoppedAt", stoppedAt(instance.stateTransitionReason()));
      }
      time(attributes, "launchedAt", instance.launchTime());
      text(attributes, "instanceType", instance.instanceTypeAsString());
      text(attributes, "publicIp", instance.publicIpAddress());
      text(attributes, "vpcId", instance.vpcId());
      text(attributes, "subnetId", instance.subnetId());
      List<String> groups = new ArrayList<>();
      for (GroupIdentifier group : instance.securityGroups()) {
        groups.add(group.groupId());
      }
      strings(attributes, "securityGroupIds", groups);
      if (instance.metadataOptions() != null) {
        ObjectNode metadata = object(attributes, "metadataOptions");
        text(metadata, "httpTokens", instance.metadataOptions().httpTokensAsString());
        text(metadata, "httpEndpoint", instance.metadataOptions().httpEndpointAsString());
        integer(
            metadata,
            "httpPutResponseHopLimit",
            instance.metadataOptions().httpPutResponseHopLimit());
      }
      if (instance.imageId() != null) {
        ObjectNode image = object(attributes, "image");
        image.put("id", instance.imageId());
        if (images != null) {
          Image described = images.get(instance.imageId());
          image.put("available", described != null);
          if (described != null) {
            text(image, "name", described.name());
            text(image, "ownerId", described.ownerId());
            time(image, "createdAt", AwsEc2.instant(described.creationDate()));
            time(image, "deprecationTime", AwsEc2.instant(described.deprecationTime()));
          }
        }
      }
      List<String> volumes = new ArrayList<>();
      for (InstanceBlockDeviceMapping mapping : instance.blockDeviceMappings()) {
        if (mapping.ebs() != null && mapping.ebs().volumeId() != null) {
          volumes.add(mapping.ebs().volumeId());
        }
      }
      strings(attributes, "volumeIds", volumes);
      if (managedKnown) {
        ObjectNode ssmNode = object(attributes, "ssm");
        InstanceInformation info = managed.get(instance.instanceId());
        ssmNode.put("managed", info != null);
        if (info != null) {
          text(ssmNode, "pingStatus", info.pingStatusAsString());
          if (associationsKnown) {
            text(ssmNode, "associationCompliance", associations.get(instance.instanceId()));
          }
          InstancePatchState patch = patches.get(instance.instanceId());
          if (patchesKnown && patch != null) {
            ObjectNode patchNode = object(ssmNode, "patch");
            integer(patchNode, "missingCount", patch.missingCount());
            integer(patchNode, "failedCount", patch.failedCount());
            integer(patchNode, "installedPendingRebootCount", patch.installedPendingRebootCount());
            integer(patchNode, "criticalNonCompliantCount", patch.criticalNonCompliantCount());
            integer(patchNode, "securityNonCompliantCount", patch.securityNonCompliantCount());
            time(patchNode, "operationEndTime", patch.operationEndTime());
          }
        }
      }
      context.emit(resource, SOURCES);
    }
  }

  /** The AMIs the instances name, by id; null when they could not be described. */
  private static Map<String, Image> images(
      AwsCollectionContext context, Ec2Client ec2, List<Instance> instances)
      throws InterruptedException {
    List<String> ids =
        new ArrayList<>(
            instances.stream()
                .map(Instance::imageId)
                .filter(id -> id != null)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    Map<String, Image> result = new HashMap<>();
    for (int from = 0; from < ids.size(); from += 100) {
      List<String> batch = ids.subList(from, Math.min(from + 100, ids.size()));
      boolean complete =
          context.paginate(
              IMAGES,
              token ->
                  ec2.describeImages(
                      request -> request.imageIds(batch).includeDeprecated(true).nextToken(token)),
              DescribeImagesResponse::nextToken,
              page -> page.images().forEach(image -> result.put(image.imageId(), image)));
      if (!complete) {
        return null;
      }
    }
    return result;
  }

  /** "User initiated (2026-01-02 03:04:05 GMT)" gives that time. */
  static Instant stoppedAt(String reason) {
    if (reason == null) {
      return null;
    }
    Matcher matcher = STOPPED_AT.matcher(reason);
    if (!matcher.find()) {
      return null;
    }
    try {
      return LocalDateTime.parse(
              matcher.group(1), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
