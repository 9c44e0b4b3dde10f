package io.lcscan.provider.aws.backup;

import static io.lcscan.provider.aws.AwsAttributes.integer;
import static io.lcscan.provider.aws.AwsAttributes.text;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsAttributes;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupPlansListMember;
import software.amazon.awssdk.services.backup.model.BackupRule;
import software.amazon.awssdk.services.backup.model.CopyAction;
import software.amazon.awssdk.services.backup.model.GetBackupPlanResponse;
import software.amazon.awssdk.services.backup.model.ListBackupPlansResponse;
import software.amazon.awssdk.services.backup.model.ListBackupSelectionsResponse;

/** AWS Backup plans ({@code aws.backup.plan}) with their rules and copies. */
public final class AwsBackupPlanCollector implements AwsCollector {
  public static final String TYPE = "aws.backup.plan";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec LIST = CallSpec.of("backup", "ListBackupPlans", TYPE);
  private static final CallSpec GET = CallSpec.of("backup", "GetBackupPlan", TYPE);
  private static final CallSpec SELECTIONS = CallSpec.of("backup", "ListBackupSelections", TYPE);
  private static final List<CallSpec> SOURCES = List.of(LIST, GET, SELECTIONS);

  @Override
  public String service() {
    return "backup";
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
    return Optional.of(BackupClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    BackupClient backup = context.client(BackupClient.class);
    List<BackupPlansListMember> plans = new ArrayList<>();
    context.paginate(
        LIST,
        token -> backup.listBackupPlans(request -> request.nextToken(token)),
        ListBackupPlansResponse::nextToken,
        page -> plans.addAll(page.backupPlansList()));
    context.forEach(
        plans,
        listed -> {
          CallResult<GetBackupPlanResponse> plan =
              context.call(
                  GET,
                  () ->
                      backup.getBackupPlan(request -> request.backupPlanId(listed.backupPlanId())));
          if (!plan.ok()) {
            return;
          }
          Resource.Builder resource =
              context.resource(TYPE, listed.backupPlanArn()).name(listed.backupPlanName());
          ObjectNode attributes = resource.attributes();
          text(attributes, "name", plan.value().backupPlan().backupPlanName());
          int[] selections = {0};
          boolean counted =
              context.paginate(
                  SELECTIONS,
                  token ->
                      backup.listBackupSelections(
                          request -> request.backupPlanId(listed.backupPlanId()).nextToken(token)),
                  ListBackupSelectionsResponse::nextToken,
                  page -> selections[0] += page.backupSelectionsList().size());
          if (counted) {
            integer(attributes, "selectionCount", selections[0]);
          }
          ArrayNode rules = attributes.putArray("rules");
          for (BackupRule rule : plan.value().backupPlan().rules()) {
            ObjectNode node = rules.addObject();
            text(node, "name", rule.ruleName());
            text(node, "targetVaultName", rule.targetBackupVaultName());
            text(node, "schedule", rule.scheduleExpression());
            if (rule.lifecycle() != null) {
              integer(node, "deleteAfterDays", rule.lifecycle().deleteAfterDays());
            }
            ArrayNode copies = node.putArray("copyActions");
            for (CopyAction copy : rule.copyActions()) {
              ObjectNode copyNode = copies.addObject();
              text(copyNode, "destinationVaultArn", copy.destinationBackupVaultArn());
              text(copyNode, "region", AwsAttributes.arnRegion(copy.destinationBackupVaultArn()));
              text(
                  copyNode,
                  "accountId",
                  AwsAttributes.arnAccount(copy.destinationBackupVaultArn()));
              if (copy.lifecycle() != null) {
                integer(copyNode, "deleteAfterDays", copy.lifecycle().deleteAfterDays());
              }
            }
          }
          context.emit(resource, SOURCES);
        });
  }
}
