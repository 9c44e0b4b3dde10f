package io.lcscan.provider.aws.rds;

import static io.lcscan.provider.aws.AwsAttributes.bool;
import static io.lcscan.provider.aws.AwsAttributes.integer;
import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsAttributes;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsEncryption;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackupsReplication;
import software.amazon.awssdk.services.rds.model.DescribeDbEngineVersionsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.Tag;

/** RDS DB instances ({@code aws.rds.instance}), with engine support status and copies. */
public final class AwsRdsInstanceCollector implements AwsCollector {
  public static final String TYPE = "aws.rds.instance";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE = CallSpec.of("rds", "DescribeDBInstances", TYPE);
  private static final CallSpec VERSIONS = CallSpec.of("rds", "DescribeDBEngineVersions", TYPE);
  private static final List<CallSpec> SOURCES =
      List.of(
          DESCRIBE,
          VERSIONS,
          CallSpec.of("kms", "DescribeKey"),
          CallSpec.of("backup", "ListProtectedResources"));

  @Override
  public String service() {
    return "rds";
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
    return Optional.of(RdsClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    RdsClient rds = context.client(RdsClient.class);
    List<DBInstance> instances = new ArrayList<>();
    context.paginate(
        DESCRIBE,
        token -> rds.describeDBInstances(request -> request.marker(token)),
        DescribeDbInstancesResponse::marker,
        page -> instances.addAll(page.dbInstances()));
    if (instances.isEmpty()) {
      return;
    }
    CallResult<Map<String, Instant>> backups = context.lookups().protectedResources(context);
    context.gap(backups, "backup:ListProtectedResources", TYPES);
    Map<String, Optional<String>> versionStatus = new ConcurrentHashMap<>();
    context.forEach(
        instances,
        instance -> {
          Resource.Builder resource =
              context
                  .resource(TYPE, instance.dbInstanceArn())
                  .name(instance.dbInstanceIdentifier());
          resource.tags(AwsAttributes.tags(instance.tagList(), Tag::key, Tag::value));
          ObjectNode attributes = resource.attributes();
          text(attributes, "identifier", instance.dbInstanceIdentifier());
          text(attributes, "status", instance.dbInstanceStatus());
          text(attributes, "engine", instance.engine());
          text(attributes, "engineVersion", instance.engineVersion());
          Optional<String> status =
              engineVersionStatus(
                  context, rds, instance.engine(), instance.engineVersion(), versionStatus);
          status.ifPresent(value -> text(attributes, "engineVersionStatus", value));
          time(attributes, "createdAt", instance.instanceCreateTime());
          AwsEncryption.write(
              context, resource, instance.storageEncrypted(), instance.kmsKeyId(), TYPES);
          bool(object(attributes, "publicAccess"), "public", instance.publiclyAccessible());
          bool(attributes, "deletionProtection", instance.deletionProtection());
          ObjectNode backup = object(attributes, "backup");
          if (instance.backupRetentionPeriod() != null) {
            backup.put("enabled", instance.backupRetentionPeriod() > 0);
            integer(backup, "retentionDays", instance.backupRetentionPeriod());
          }
          if (backups.ok()) {
            backup.put("awsBackup", backups.value().containsKey(instance.dbInstanceArn()));
          }
          if (instance.certificateDetails() != null) {
            ObjectNode certificate = object(attributes, "certificate");
            text(certificate, "caIdentifier", instance.certificateDetails().caIdentifier());
            time(certificate, "validTill", instance.certificateDetails().validTill());
          }
          ArrayNode destinations = object(attributes, "replication").putArray("destinations");
          for (String replica : instance.readReplicaDBInstanceIdentifiers()) {
            if (replica.startsWith("arn:")) {
              ObjectNode destination = destinations.addObject();
              text(destination, "target", replica);
              text(destination, "region", AwsAttributes.arnRegion(replica));
              text(destination, "accountId", AwsAttributes.arnAccount(replica));
            }
          }
          for (DBInstanceAutomatedBackupsReplication copy :
              instance.dbInstanceAutomatedBackupsReplications()) {
            ObjectNode destination = destinations.addObject();
            String arn = copy.dbInstanceAutomatedBackupsArn();
            text(destination, "target", arn);
            text(destination, "region", AwsAttributes.arnRegion(arn));
            text(destination, "accountId", AwsAttributes.arnAccount(arn));
          }
          context.emit(resource, SOURCES);
        });
  }

  /** available or deprecated, asked once per engine version; empty when it cannot be told. */
  private static Optional<String> engineVersionStatus(
      AwsCollectionContext context,
      RdsClient rds,
      String engine,
      String version,
      Map<String, Optional<String>> cache)
      throws InterruptedException {
    if (engine == null || version == null) {
      return Optional.empty();
    }
    String key = engine + "/" + version;
    Optional<String> known = cache.get(key);
    if (known != null) {
      return known;
    }
    CallResult<DescribeDbEngineVersionsResponse> answer =
        context.call(
            VERSIONS,
            () ->
                rds.describeDBEngineVersions(
                    request -> request.engine(engine).engineVersion(version).includeAll(true)));
    Optional<String> status =
        answer.ok() && !answer.value().dbEngineVersions().isEmpty()
            ? Optional.ofNullable(answer.value().dbEngineVersions().get(0).status())
            : Optional.empty();
    cache.put(key, status);
    return status;
  }
}
