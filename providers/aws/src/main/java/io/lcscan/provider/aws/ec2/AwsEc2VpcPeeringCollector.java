package io.lcscan.provider.aws.ec2;

import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.text;

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
import software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnection;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionVpcInfo;

/** VPC peering connections ({@code aws.ec2.vpc-peering}) the account holds in the region. */
public final class AwsEc2VpcPeeringCollector implements AwsCollector {
  public static final String TYPE = "aws.ec2.vpc-peering";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE =
      CallSpec.of("ec2", "DescribeVpcPeeringConnections", TYPE);

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
        token ->
            ec2.describeVpcPeeringConnections(request -> request.nextToken(token).maxResults(1000)),
        DescribeVpcPeeringConnectionsResponse::nextToken,
        page -> {
          for (VpcPeeringConnection peering : page.vpcPeeringConnections()) {
            Resource.Builder resource =
                AwsEc2.resource(
                    context,
                    TYPE,
                    "vpc-peering-connection",
                    peering.vpcPeeringConnectionId(),
                    peering.tags());
            ObjectNode attributes = resource.attributes();
            if (peering.status() != null) {
              text(attributes, "status", peering.status().codeAsString());
            }
            side(object(attributes, "requester"), peering.requesterVpcInfo());
            side(object(attributes, "accepter"), peering.accepterVpcInfo());
            context.emit(resource, List.of(DESCRIBE));
          }
        });
  }

  private static void side(ObjectNode node, VpcPeeringConnectionVpcInfo info) {
    if (info != null) {
      text(node, "ownerId", info.ownerId());
      text(node, "vpcId", info.vpcId());
      text(node, "region", info.region());
    }
  }
}
