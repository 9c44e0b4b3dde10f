package io.lcscan.provider.aws.ec2;

import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.strings;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.DescribeImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * AMIs the account owns ({@code aws.ec2.image}), with who may launch them and which launch
 * templates still name them. Launch template versions carry user data; only the image id is read,
 * and the raw answer is redacted.
 */
public final class AwsEc2ImageCollector implements AwsCollector {
  public static final String TYPE = "aws.ec2.image";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE = CallSpec.of("ec2", "DescribeImages", TYPE);
  private static final CallSpec ATTRIBUTE = CallSpec.of("ec2", "DescribeImageAttribute", TYPE);
  private static final CallSpec TEMPLATES =
      CallSpec.of("ec2", "DescribeLaunchTemplateVersions", TYPE);
  private static final List<CallSpec> SOURCES = List.of(DESCRIBE, ATTRIBUTE, TEMPLATES);

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
    List<Image> images = new ArrayList<>();
    context.paginate(
        DESCRIBE,
        token ->
            ec2.describeImages(request -> request.owners("self").nextToken(token).maxResults(1000)),
        DescribeImagesResponse::nextToken,
        page -> images.addAll(page.images()));
    if (images.isEmpty()) {
      return;
    }
    Map<String, Set<String>> templates = new TreeMap<>();
    boolean templatesComplete =
        context.paginate(
            TEMPLATES,
            token ->
                ec2.describeLaunchTemplateVersions(
                    request -> request.versions("$Latest", "$Default").nextToken(token)),
            DescribeLaunchTemplateVersionsResponse::nextToken,
            page -> {
              for (LaunchTemplateVersion version : page.launchTemplateVersions()) {
                if (version.launchTemplateData() != null
                    && version.launchTemplateData().imageId() != null) {
                  templates
                      .computeIfAbsent(
                          version.launchTemplateData().imageId(), id -> new TreeSet<>())
                      .add(version.launchTemplateId());
                }
              }
            });
    context.forEach(
        images, image -> emit(context, ec2, image, templatesComplete ? templates : null));
  }

  private static void emit(
      AwsCollectionContext context, Ec2Client ec2, Image image, Map<String, Set<String>> templates)
      throws InterruptedException {
    Resource.Builder resource =
        AwsEc2.resource(context, TYPE, "image", image.imageId(), image.tags());
    if (image.name() != null && !AwsEc2.tags(image.tags()).containsKey("Name")) {
      resource.name(image.name());
    }
    ObjectNode attributes = resource.attributes();
    text(attributes, "imageId", image.imageId());
    text(attributes, "name", image.name());
    text(attributes, "state", image.stateAsString());
    time(attributes, "createdAt", AwsEc2.instant(image.creationDate()));
    time(attributes, "deprecationTime", AwsEc2.instant(image.deprecationTime()));
    List<String> snapshots = new ArrayList<>();
    for (BlockDeviceMapping mapping : image.blockDeviceMappings()) {
      if (mapping.ebs() != null && mapping.ebs().snapshotId() != null) {
        snapshots.add(mapping.ebs().snapshotId());
        resource.reference(
            "snapshot",
            "aws.ec2.snapshot",
            AwsEc2.arn(context, "snapshot", mapping.ebs().snapshotId()));
      }
    }
    strings(attributes, "snapshotIds", snapshots);
    if (templates != null) {
      strings(attributes, "launchTemplateIds", templates.getOrDefault(image.imageId(), Set.of()));
    }
    CallResult<DescribeImageAttributeResponse> permissions =
        context.call(
            ATTRIBUTE,
            () ->
                ec2.describeImageAttribute(
                    request ->
                        request
                            .imageId(image.imageId())
                            .attribute(ImageAttributeName.LAUNCH_PERMISSION)));
    if (permissions.ok()) {
      ObjectNode sharing = object(attributes, "sharing");
      boolean everyone = Boolean.TRUE.equals(image.publicLaunchPermissions());
      List<String> accounts = new ArrayList<>();
      List<String> organizations = new ArrayList<>();
      for (LaunchPermission permission : permissions.value().launchPermissions()) {
        everyone |= "all".equals(permission.groupAsString());
        if (permission.userId() != null) {
          accounts.add(permission.userId());
        }
        if (permission.organizationArn() != null) {
          organizations.add(permission.organizationArn());
        }
        if (permission.organizationalUnitArn() != null) {
          organizations.add(permission.organizationalUnitArn());
        }
      }
      sharing.put("public", everyone);
      strings(sharing, "accounts", accounts);
      strings(sharing, "organizations", organizations);
    }
    context.emit(resource, SOURCES);
  }
}
