package io.lcscan.provider.aws.inspector2;

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
import software.amazon.awssdk.services.inspector2.Inspector2Client;
import software.amazon.awssdk.services.inspector2.model.AccountState;
import software.amazon.awssdk.services.inspector2.model.BatchGetAccountStatusResponse;
import software.amazon.awssdk.services.inspector2.model.ResourceState;

/** Amazon Inspector activation in a region ({@code aws.inspector2.account-status}). */
public final class AwsInspector2Collector implements AwsCollector {
  public static final String TYPE = "aws.inspector2.account-status";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec STATUS = CallSpec.of("inspector2", "BatchGetAccountStatus", TYPE);

  @Override
  public String service() {
    return "inspector2";
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
    return Optional.of(Inspector2Client.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    Inspector2Client inspector = context.client(Inspector2Client.class);
    CallResult<BatchGetAccountStatusResponse> answer =
        context.call(
            STATUS,
            () ->
                inspector.batchGetAccountStatus(
                    request -> request.accountIds(context.accountId())));
    if (!answer.ok()) {
      return;
    }
    for (AccountState account : answer.value().accounts()) {
      if (!context.accountId().equals(account.accountId())) {
        continue;
      }
      String id =
          "aws:inspector2:" + context.region() + ":" + context.accountId() + ":account-status";
      Resource.Builder resource = context.resource(TYPE, id).name("inspector " + context.region());
      ObjectNode attributes = resource.attributes();
      if (account.state() != null) {
        text(attributes, "status", account.state().statusAsString());
      }
      ResourceState state = account.resourceState();
      if (state != null) {
        if (state.ec2() != null) {
          text(attributes, "ec2", state.ec2().statusAsString());
        }
        if (state.ecr() != null) {
          text(attributes, "ecr", state.ecr().statusAsString());
        }
        if (state.lambda() != null) {
          text(attributes, "lambda", state.lambda().statusAsString());
        }
      }
      context.emit(resource, List.of(STATUS));
    }
  }
}
