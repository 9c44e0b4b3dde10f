package io.lcscan.provider.aws.ec2;

import io.lcscan.provider.aws.AwsAttributes;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Tag;

/** What the EC2 collectors share: ARNs, names from the Name tag, region-wide lookups. */
final class AwsEc2 {
  private AwsEc2() {}

  static final CallSpec NETWORK_INTERFACES = CallSpec.of("ec2", "DescribeNetworkInterfaces");

  static String arn(AwsCollectionContext context, String kind, String id) {
    return context.arn("ec2", context.region(), kind + "/" + id);
  }

  static Map<String, String> tags(List<Tag> tags) {
    return AwsAttributes.tags(tags, Tag::key, Tag::value);
  }

  /** A resource named by its Name tag, or by its id. */
  static Resource.Builder resource(
      AwsCollectionContext context, String type, String kind, String id, List<Tag> tags) {
    Map<String, String> map = tags(tags);
    String name = map.get("Name");
    return context
        .resource(type, arn(context, kind, id))
        .name(name == null || name.isEmpty() ? id : name)
        .tags(map);
  }

  /** EC2 writes some times as strings (CreationDate of an image); null when absent or odd. */
  static Instant instant(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Every network interface of the region, read once for the collectors that count them. */
  static CallResult<List<NetworkInterface>> networkInterfaces(AwsCollectionContext context)
      throws InterruptedException {
    return context
        .lookups()
        .once(
            "ec2:DescribeNetworkInterfaces|" + context.region(),
            () -> {
              Ec2Client ec2 = context.client(Ec2Client.class);
              List<NetworkInterface> result = new ArrayList<>();
              boolean complete =
                  context.paginate(
                      NETWORK_INTERFACES,
                      token ->
                          ec2.describeNetworkInterfaces(
                              request -> request.nextToken(token).maxResults(1000)),
                      DescribeNetworkInterfacesResponse::nextToken,
                      page -> result.addAll(page.networkInterfaces()));
              return complete
                  ? CallResult.ok(List.copyOf(result))
                  : CallResult.failed(
                      io.lcscan.provider.common.CallFailure.of(
                          io.lcscan.spi.GapReason.ERROR,
                          null,
                          "ec2:DescribeNetworkInterfaces did not complete"));
            });
  }
}
