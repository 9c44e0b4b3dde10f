package io.lcscan.provider.aws;

import io.lcscan.provider.common.CallSpec;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;

/**
 * A collector that only lists, for the runtime's fault tests: KMS ListKeys (JSON 1.1) and EC2
 * DescribeVolumes (EC2 query), each paginated to the end.
 */
final class AwsProbeCollector implements AwsCollector {
  static final String KMS_TYPE = "aws.kms.key";
  static final String EC2_TYPE = "aws.ec2.volume";

  private final String service;

  private AwsProbeCollector(String service) {
    this.service = service;
  }

  static AwsProbeCollector kms() {
    return new AwsProbeCollector("kms");
  }

  static AwsProbeCollector ec2() {
    return new AwsProbeCollector("ec2");
  }

  @Override
  public String service() {
    return service;
  }

  @Override
  public Set<String> resourceTypes() {
    return Set.of(service.equals("kms") ? KMS_TYPE : EC2_TYPE);
  }

  @Override
  public AwsPlacement placement() {
    return AwsPlacement.REGIONAL;
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    if (service.equals("kms")) {
      KmsClient kms = context.client(KmsClient.class);
      context.paginate(
          CallSpec.of("kms", "ListKeys", KMS_TYPE),
          token -> kms.listKeys(request -> request.marker(token)),
          page -> Boolean.TRUE.equals(page.truncated()) ? page.nextMarker() : null,
          (ListKeysResponse page) -> {});
    } else {
      Ec2Client ec2 = context.client(Ec2Client.class);
      context.paginate(
          CallSpec.of("ec2", "DescribeVolumes", EC2_TYPE),
          token -> ec2.describeVolumes(request -> request.nextToken(token)),
          DescribeVolumesResponse::nextToken,
          page -> {});
    }
  }
}
