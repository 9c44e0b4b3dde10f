package io.lcscan.provider.aws.ec2;

import static io.lcscan.provider.aws.AwsAttributes.integer;
import static io.lcscan.provider.aws.AwsAttributes.strings;
import static io.lcscan.provider.aws.AwsAttributes.text;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** VPC security groups ({@code aws.ec2.security-group}), with how many interfaces use each. */
public final class AwsEc2SecurityGroupCollector implements AwsCollector {
  public static final String TYPE = "aws.ec2.security-group";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE = CallSpec.of("ec2", "DescribeSecurityGroups", TYPE);
  private static final List<CallSpec> SOURCES = List.of(DESCRIBE, AwsEc2.NETWORK_INTERFACES);

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
    List<SecurityGroup> groups = new ArrayList<>();
    context.paginate(
        DESCRIBE,
        token -> ec2.describeSecurityGroups(request -> request.nextToken(token).maxResults(1000)),
        DescribeSecurityGroupsResponse::nextToken,
        page -> groups.addAll(page.securityGroups()));
    if (groups.isEmpty()) {
      return;
    }
    CallResult<List<NetworkInterface>> interfaces = AwsEc2.networkInterfaces(context);
    context.gap(interfaces, "ec2:DescribeNetworkInterfaces", TYPES);
    Map<String, Integer> usage = new HashMap<>();
    if (interfaces.ok()) {
      for (NetworkInterface networkInterface : interfaces.value()) {
        for (GroupIdentifier group : networkInterface.groups()) {
          usage.merge(group.groupId(), 1, Integer::sum);
        }
      }
    }
    for (SecurityGroup group : groups) {
      Resource.Builder resource =
          AwsEc2.resource(context, TYPE, "security-group", group.groupId(), group.tags());
      if (!AwsEc2.tags(group.tags()).containsKey("Name")) {
        resource.name(group.groupName());
      }
      ObjectNode attributes = resource.attributes();
      text(attributes, "groupName", group.groupName());
      text(attributes, "vpcId", group.vpcId());
      attributes.put("isDefault", "default".equals(group.groupName()));
      if (interfaces.ok()) {
        integer(attributes, "attachedInterfaceCount", usage.getOrDefault(group.groupId(), 0));
      }
      ArrayNode ingress = attributes.putArray("ingress");
      for (IpPermission permission : group.ipPermissions()) {
        ObjectNode rule = ingress.addObject();
        text(rule, "protocol", permission.ipProtocol());
        if (!"-1".equals(permission.ipProtocol())) {
          integer(rule, "fromPort", permission.fromPort());
          integer(rule, "toPort", permission.toPort());
        }
        strings(rule, "ipv4Ranges", permission.ipRanges().stream().map(r -> r.cidrIp()).toList());
        strings(
            rule, "ipv6Ranges", permission.ipv6Ranges().stream().map(r -> r.cidrIpv6()).toList());
        strings(
            rule,
            "sourceGroupIds",
            permission.userIdGroupPairs().stream().map(pair -> pair.groupId()).toList());
        strings(
            rule,
            "prefixListIds",
            permission.prefixListIds().stream().map(prefix -> prefix.prefixListId()).toList());
      }
      integer(attributes, "egressRuleCount", group.ipPermissionsEgress().size());
      context.emit(resource, SOURCES);
    }
  }
}
