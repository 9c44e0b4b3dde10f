package io.lcscan.provider.aws.ec2;

import static io.lcscan.provider.aws.AwsAttributes.bool;
import static io.lcscan.provider.aws.AwsAttributes.integer;
import static io.lcscan.provider.aws.AwsAttributes.object;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * VPCs ({@code aws.ec2.vpc}) with their subnets, each subnet's route to an internet gateway, flow
 * logs and network interface count. Every listing is read once for the region, not per VPC.
 */
public final class AwsEc2VpcCollector implements AwsCollector {
  public static final String TYPE = "aws.ec2.vpc";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec VPCS = CallSpec.of("ec2", "DescribeVpcs", TYPE);
  private static final CallSpec SUBNETS = CallSpec.of("ec2", "DescribeSubnets", TYPE);
  private static final CallSpec ROUTES = CallSpec.of("ec2", "DescribeRouteTables", TYPE);
  private static final CallSpec FLOW_LOGS = CallSpec.of("ec2", "DescribeFlowLogs", TYPE);
  private static final List<CallSpec> SOURCES =
      List.of(VPCS, SUBNETS, ROUTES, FLOW_LOGS, AwsEc2.NETWORK_INTERFACES);

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
    List<Vpc> vpcs = new ArrayList<>();
    context.paginate(
        VPCS,
        token -> ec2.describeVpcs(request -> request.nextToken(token).maxResults(1000)),
        DescribeVpcsResponse::nextToken,
        page -> vpcs.addAll(page.vpcs()));
    if (vpcs.isEmpty()) {
      return;
    }
    List<Subnet> subnets = new ArrayList<>();
    boolean subnetsKnown =
        context.paginate(
            SUBNETS,
            token -> ec2.describeSubnets(request -> request.nextToken(token).maxResults(1000)),
            DescribeSubnetsResponse::nextToken,
            page -> subnets.addAll(page.subnets()));
    List<RouteTable> tables = new ArrayList<>();
    boolean tablesKnown =
        context.paginate(
            ROUTES,
            token -> ec2.describeRouteTables(request -> request.nextToken(token).maxResults(100)),
            DescribeRouteTablesResponse::nextToken,
            page -> tables.addAll(page.routeTables()));
    Set<String> flowLogged = new HashSet<>();
    boolean flowLogsKnown =
        context.paginate(
            FLOW_LOGS,
            token -> ec2.describeFlowLogs(request -> request.nextToken(token).maxResults(1000)),
            DescribeFlowLogsResponse::nextToken,
            page -> {
              for (FlowLog log : page.flowLogs()) {
                if ("ACTIVE".equals(log.flowLogStatus())) {
                  flowLogged.add(log.resourceId());
                }
              }
            });
    CallResult<List<NetworkInterface>> interfaces = AwsEc2.networkInterfaces(context);
    context.gap(interfaces, "ec2:DescribeNetworkInterfaces", TYPES);
    Map<String, Integer> interfaceCount = new HashMap<>();
    if (interfaces.ok()) {
      interfaces.value().forEach(eni -> interfaceCount.merge(eni.vpcId(), 1, Integer::sum));
    }
    Map<String, RouteTable> explicit = new HashMap<>();
    Map<String, RouteTable> main = new HashMap<>();
    for (RouteTable table : tables) {
      for (RouteTableAssociation association : table.associations()) {
        if (Boolean.TRUE.equals(association.main())) {
          main.put(table.vpcId(), table);
        } else if (association.subnetId() != null) {
          explicit.put(association.subnetId(), table);
        }
      }
    }
    for (Vpc vpc : vpcs) {
      Resource.Builder resource = AwsEc2.resource(context, TYPE, "vpc", vpc.vpcId(), vpc.tags());
      ObjectNode attributes = resource.attributes();
      bool(attributes, "isDefault", vpc.isDefault());
      text(attributes, "cidrBlock", vpc.cidrBlock());
      if (interfaces.ok()) {
        int count = interfaceCount.getOrDefault(vpc.vpcId(), 0);
        attributes.put("inUse", count > 0);
        integer(attributes, "networkInterfaceCount", count);
      }
      if (flowLogsKnown) {
        object(attributes, "flowLogs").put("enabled", flowLogged.contains(vpc.vpcId()));
      }
      if (subnetsKnown) {
        ArrayNode list = attributes.putArray("subnets");
        for (Subnet subnet : subnets) {
          if (!vpc.vpcId().equals(subnet.vpcId())) {
            continue;
          }
          ObjectNode node = list.addObject();
          text(node, "id", subnet.subnetId());
          bool(node, "mapPublicIpOnLaunch", subnet.mapPublicIpOnLaunch());
          if (tablesKnown) {
            RouteTable table = explicit.getOrDefault(subnet.subnetId(), main.get(vpc.vpcId()));
            node.put("internetGatewayRoute", table != null && routesToInternet(table));
          }
        }
      }
      context.emit(resource, SOURCES);
    }
  }

  private static boolean routesToInternet(RouteTable table) {
    for (Route route : table.routes()) {
      if (route.gatewayId() != null && route.gatewayId().startsWith("igw-")) {
        return true;
      }
    }
    return false;
  }
}
