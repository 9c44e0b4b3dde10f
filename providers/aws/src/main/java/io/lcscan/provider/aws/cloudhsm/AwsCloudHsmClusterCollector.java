package io.lcscan.provider.aws.cloudhsm;

import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsAttributes;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.cloudhsmv2.CloudHsmV2Client;
import software.amazon.awssdk.services.cloudhsmv2.model.Cluster;
import software.amazon.awssdk.services.cloudhsmv2.model.DescribeClustersResponse;
import software.amazon.awssdk.services.cloudhsmv2.model.Tag;

/** CloudHSM clusters ({@code aws.cloudhsm.cluster}): dedicated key hardware. */
public final class AwsCloudHsmClusterCollector implements AwsCollector {
  public static final String TYPE = "aws.cloudhsm.cluster";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE = CallSpec.of("cloudhsmv2", "DescribeClusters", TYPE);

  @Override
  public String service() {
    return "cloudhsm";
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
    return Optional.of(CloudHsmV2Client.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    CloudHsmV2Client hsm = context.client(CloudHsmV2Client.class);
    context.paginate(
        DESCRIBE,
        token -> hsm.describeClusters(request -> request.nextToken(token)),
        DescribeClustersResponse::nextToken,
        page -> {
          for (Cluster cluster : page.clusters()) {
            String arn =
                context.arn("cloudhsm", context.region(), "cluster/" + cluster.clusterId());
            Resource.Builder resource = context.resource(TYPE, arn).name(cluster.clusterId());
            resource.tags(AwsAttributes.tags(cluster.tagList(), Tag::key, Tag::value));
            ObjectNode attributes = resource.attributes();
            text(attributes, "state", cluster.stateAsString());
            text(attributes, "hsmType", cluster.hsmType());
            attributes.put("hsmCount", cluster.hsms().size());
            time(attributes, "createdAt", cluster.createTimestamp());
            if (cluster.backupRetentionPolicy() != null
                && "DAYS".equals(cluster.backupRetentionPolicy().typeAsString())) {
              try {
                attributes.put(
                    "backupRetentionDays",
                    Integer.parseInt(cluster.backupRetentionPolicy().value()));
              } catch (NumberFormatException e) {
                // not a number of days: the attribute stays absent
              }
            }
            context.emit(resource, List.of(DESCRIBE));
          }
        });
  }
}
