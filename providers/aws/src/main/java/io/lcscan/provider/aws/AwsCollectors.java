package io.lcscan.provider.aws;

import io.lcscan.provider.aws.ec2.AwsEc2ElasticIpCollector;
import io.lcscan.provider.aws.ec2.AwsEc2HostCollector;
import io.lcscan.provider.aws.ec2.AwsEc2ImageCollector;
import io.lcscan.provider.aws.ec2.AwsEc2InstanceCollector;
import io.lcscan.provider.aws.ec2.AwsEc2RegionSettingsCollector;
import io.lcscan.provider.aws.ec2.AwsEc2SecurityGroupCollector;
import io.lcscan.provider.aws.ec2.AwsEc2SnapshotCollector;
import io.lcscan.provider.aws.ec2.AwsEc2VolumeCollector;
import io.lcscan.provider.aws.ec2.AwsEc2VpcCollector;
import io.lcscan.provider.aws.ec2.AwsEc2VpcPeeringCollector;
import io.lcscan.provider.aws.kms.AwsKmsKeyCollector;
import io.lcscan.provider.aws.s3.AwsS3BucketCollector;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/** Every AWS collector, in the order they are scheduled. */
public final class AwsCollectors {
  private AwsCollectors() {}

  public static List<Class<? extends AwsCollector>> types() {
    return List.of(
        AwsS3BucketCollector.class,
        AwsKmsKeyCollector.class,
        AwsEc2RegionSettingsCollector.class,
        AwsEc2VolumeCollector.class,
        AwsEc2SnapshotCollector.class,
        AwsEc2ImageCollector.class,
        AwsEc2InstanceCollector.class,
        AwsEc2SecurityGroupCollector.class,
        AwsEc2ElasticIpCollector.class,
        AwsEc2VpcCollector.class,
        AwsEc2VpcPeeringCollector.class,
        AwsEc2HostCollector.class);
  }

  public static List<AwsCollector> all() {
    List<AwsCollector> result = new ArrayList<>();
    for (Class<? extends AwsCollector> type : types()) {
      try {
        result.add(type.getDeclaredConstructor().newInstance());
      } catch (NoSuchMethodException
          | InstantiationException
          | IllegalAccessException
          | InvocationTargetException e) {
        throw new IllegalStateException("cannot create " + type.getName(), e);
      }
    }
    return List.copyOf(result);
  }
}
