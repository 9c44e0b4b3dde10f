package io.lcscan.provider.aws.rds;

import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.strings;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsAttributes;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsEncryption;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DBSnapshotAttribute;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotAttributesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.Tag;

/** RDS DB snapshots the account owns ({@code aws.rds.snapshot}), with whom each is shared. */
public final class AwsRdsSnapshotCollector implements AwsCollector {
  public static final String TYPE = "aws.rds.snapshot";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE = CallSpec.of("rds", "DescribeDBSnapshots", TYPE);
  private static final CallSpec ATTRIBUTES =
      CallSpec.of("rds", "DescribeDBSnapshotAttributes", TYPE);
  private static final List<CallSpec> SOURCES =
      List.of(DESCRIBE, ATTRIBUTES, CallSpec.of("kms", "DescribeKey"));

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
    List<DBSnapshot> snapshots = new ArrayList<>();
    context.paginate(
        DESCRIBE,
        token -> rds.describeDBSnapshots(request -> request.marker(token)),
        DescribeDbSnapshotsResponse::marker,
        page -> snapshots.addAll(page.dbSnapshots()));
    context.forEach(
        snapshots,
        snapshot -> {
          Resource.Builder resource =
              context
                  .resource(TYPE, snapshot.dbSnapshotArn())
                  .name(snapshot.dbSnapshotIdentifier());
          resource.tags(AwsAttributes.tags(snapshot.tagList(), Tag::key, Tag::value));
          ObjectNode attributes = resource.attributes();
          text(attributes, "snapshotType", snapshot.snapshotType());
          text(attributes, "dbInstanceIdentifier", snapshot.dbInstanceIdentifier());
          time(attributes, "createdAt", snapshot.snapshotCreateTime());
          text(attributes, "status", snapshot.status());
          AwsEncryption.write(context, resource, snapshot.encrypted(), snapshot.kmsKeyId(), TYPES);
          CallResult<DescribeDbSnapshotAttributesResponse> shared =
              context.call(
                  ATTRIBUTES,
                  () ->
                      rds.describeDBSnapshotAttributes(
                          request ->
                              request.dbSnapshotIdentifier(snapshot.dbSnapshotIdentifier())));
          if (shared.ok()) {
            ObjectNode sharing = object(attributes, "sharing");
            boolean everyone = false;
            List<String> accounts = new ArrayList<>();
            for (DBSnapshotAttribute attribute :
                shared.value().dbSnapshotAttributesResult().dbSnapshotAttributes()) {
              if ("restore".equals(attribute.attributeName())) {
                for (String value : attribute.attributeValues()) {
                  if ("all".equals(value)) {
                    everyone = true;
                  } else {
                    accounts.add(value);
                  }
                }
              }
            }
            sharing.put("public", everyone);
            strings(sharing, "accounts", accounts);
          }
          context.emit(resource, SOURCES);
        });
  }
}
