package io.lcscan.provider.aws;

import io.lcscan.provider.aws.accessanalyzer.AwsAccessAnalyzerCollector;
import io.lcscan.provider.aws.acm.AwsAcmCertificateCollector;
import io.lcscan.provider.aws.backup.AwsBackupPlanCollector;
import io.lcscan.provider.aws.backup.AwsBackupVaultCollector;
import io.lcscan.provider.aws.cloudfront.AwsCloudFrontDistributionCollector;
import io.lcscan.provider.aws.cloudhsm.AwsCloudHsmClusterCollector;
import io.lcscan.provider.aws.cloudtrail.AwsCloudTrailCollector;
import io.lcscan.provider.aws.config.AwsConfigRecorderCollector;
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
import io.lcscan.provider.aws.efs.AwsEfsFileSystemCollector;
import io.lcscan.provider.aws.elbv2.AwsElbv2LoadBalancerCollector;
import io.lcscan.provider.aws.guardduty.AwsGuardDutyDetectorCollector;
import io.lcscan.provider.aws.iam.AwsIamAccountCollector;
import io.lcscan.provider.aws.iam.AwsIamRoleCollector;
import io.lcscan.provider.aws.iam.AwsIamUserCollector;
import io.lcscan.provider.aws.inspector2.AwsInspector2Collector;
import io.lcscan.provider.aws.kms.AwsKmsKeyCollector;
import io.lcscan.provider.aws.lambda.AwsLambdaFunctionCollector;
import io.lcscan.provider.aws.logs.AwsLogsLogGroupCollector;
import io.lcscan.provider.aws.organizations.AwsOrganizationsAccountCollector;
import io.lcscan.provider.aws.rds.AwsRdsInstanceCollector;
import io.lcscan.provider.aws.rds.AwsRdsSnapshotCollector;
import io.lcscan.provider.aws.route53.AwsRoute53HostedZoneCollector;
import io.lcscan.provider.aws.s3.AwsS3BucketCollector;
import io.lcscan.provider.aws.secretsmanager.AwsSecretsManagerSecretCollector;
import io.lcscan.provider.aws.securityhub.AwsSecurityHubCollector;
import io.lcscan.provider.aws.workspaces.AwsWorkSpacesCollector;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every AWS collector, in the order they are scheduled: global and account-wide ones first, as they
 * are few and slow, then the regional ones.
 */
public final class AwsCollectors {
  private AwsCollectors() {}

  public static List<Class<? extends AwsCollector>> types() {
    return List.of(
        AwsIamAccountCollector.class,
        AwsIamUserCollector.class,
        AwsIamRoleCollector.class,
        AwsOrganizationsAccountCollector.class,
        AwsCloudFrontDistributionCollector.class,
        AwsRoute53HostedZoneCollector.class,
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
        AwsEc2HostCollector.class,
        AwsCloudTrailCollector.class,
        AwsConfigRecorderCollector.class,
        AwsGuardDutyDetectorCollector.class,
        AwsSecurityHubCollector.class,
        AwsInspector2Collector.class,
        AwsAccessAnalyzerCollector.class,
        AwsRdsInstanceCollector.class,
        AwsRdsSnapshotCollector.class,
        AwsLambdaFunctionCollector.class,
        AwsAcmCertificateCollector.class,
        AwsElbv2LoadBalancerCollector.class,
        AwsEfsFileSystemCollector.class,
        AwsSecretsManagerSecretCollector.class,
        AwsWorkSpacesCollector.class,
        AwsLogsLogGroupCollector.class,
        AwsBackupPlanCollector.class,
        AwsBackupVaultCollector.class,
        AwsCloudHsmClusterCollector.class);
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
