package io.lcscan.provider.aws.ec2;

import static io.lcscan.provider.aws.AwsAttributes.integer;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeHostsResponse;
import software.amazon.awssdk.services.ec2.model.Host;

/** Dedicated Hosts ({@code aws.ec2.host}): hardware bound to the account. */
public final class AwsEc2HostCollector implements AwsCollector {
  public static final String TYPE = "aws.ec2.host";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE = CallSpec.of("ec2", "DescribeHosts", TYPE);

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
    context.paginate(
        DESCRIBE,
        token -> ec2.describeHosts(request -> request.nextToken(token).maxResults(500)),
        DescribeHostsResponse::nextToken,
        page -> {
          for (Host host : page.hosts()) {
            Resource.Builder resource =
                AwsEc2.resource(context, TYPE, "dedicated-host", host.hostId(), host.tags());
            ObjectNode attributes = resource.attributes();
            text(attributes, "state", host.stateAsString());
            time(attributes, "allocatedAt", host.allocationTime());
            if (host.hostProperties() != null) {
              String family = host.hostProperties().instanceFamily();
              text(
                  attributes,
                  "instanceFamily",
                  family != null ? family : host.hostProperties().instanceType());
            }
            integer(attributes, "instanceCount", host.instances().size());
            context.emit(resource, List.of(DESCRIBE));
          }
        });
  }
}
