package io.lcscan.provider.aws.ec2;

import static io.lcscan.provider.aws.AwsAttributes.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesResponse;

/** Elastic IP addresses ({@code aws.ec2.elastic-ip}); one answer, no pagination. */
public final class AwsEc2ElasticIpCollector implements AwsCollector {
  public static final String TYPE = "aws.ec2.elastic-ip";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE = CallSpec.of("ec2", "DescribeAddresses", TYPE);

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
    CallResult<DescribeAddressesResponse> answer = context.call(DESCRIBE, ec2::describeAddresses);
    if (!answer.ok()) {
      return;
    }
    for (Address address : answer.value().addresses()) {
      String id = address.allocationId() != null ? address.allocationId() : address.publicIp();
      Resource.Builder resource = AwsEc2.resource(context, TYPE, "elastic-ip", id, address.tags());
      if (!AwsEc2.tags(address.tags()).containsKey("Name")) {
        resource.name(address.publicIp());
      }
      ObjectNode attributes = resource.attributes();
      text(attributes, "publicIp", address.publicIp());
      attributes.put("attached", address.associationId() != null);
      text(attributes, "associationId", address.associationId());
      text(attributes, "instanceId", address.instanceId());
      text(attributes, "networkInterfaceId", address.networkInterfaceId());
      context.emit(resource, List.of(DESCRIBE));
    }
  }
}
