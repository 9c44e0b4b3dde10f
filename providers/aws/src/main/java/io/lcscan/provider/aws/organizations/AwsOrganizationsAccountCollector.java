package io.lcscan.provider.aws.organizations;

import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;
import software.amazon.awssdk.services.organizations.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.Tag;

/**
 * The organization's member accounts ({@code aws.organizations.account}), seen from the management
 * account only: elsewhere (a member, or no organization) there is nothing to list, and that is not
 * a gap. Each account is the resource's own account, so rules can count what is left in it.
 */
public final class AwsOrganizationsAccountCollector implements AwsCollector {
  public static final String TYPE = "aws.organizations.account";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE =
      CallSpec.of("organizations", "DescribeOrganization", TYPE)
          .absentWhen("AWSOrganizationsNotInUseException");
  private static final CallSpec LIST = CallSpec.of("organizations", "ListAccounts", TYPE);
  private static final CallSpec TAGS = CallSpec.of("organizations", "ListTagsForResource", TYPE);
  private static final List<CallSpec> SOURCES = List.of(DESCRIBE, LIST, TAGS);

  @Override
  public String service() {
    return "organizations";
  }

  @Override
  public Set<String> resourceTypes() {
    return TYPES;
  }

  @Override
  public AwsPlacement placement() {
    return AwsPlacement.GLOBAL;
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    OrganizationsClient organizations = context.client(OrganizationsClient.class);
    CallResult<Organization> organization =
        context.call(DESCRIBE, () -> organizations.describeOrganization().organization());
    if (!organization.ok() || !context.accountId().equals(organization.value().masterAccountId())) {
      return;
    }
    List<Account> accounts = new ArrayList<>();
    context.paginate(
        LIST,
        token -> organizations.listAccounts(request -> request.nextToken(token)),
        ListAccountsResponse::nextToken,
        page -> accounts.addAll(page.accounts()));
    context.forEach(
        accounts,
        account -> {
          Resource.Builder resource =
              context.resource(TYPE, account.arn()).account(account.id()).name(account.name());
          ObjectNode attributes = resource.attributes();
          text(attributes, "name", account.name());
          text(attributes, "email", account.email());
          text(attributes, "status", account.statusAsString());
          String state = account.stateAsString();
          if (state != null && !"null".equals(state)) {
            text(attributes, "state", state);
          }
          time(attributes, "joinedAt", account.joinedTimestamp());
          Map<String, String> tags = new TreeMap<>();
          boolean tagged =
              context.paginate(
                  TAGS,
                  token ->
                      organizations.listTagsForResource(
                          request -> request.resourceId(account.id()).nextToken(token)),
                  ListTagsForResourceResponse::nextToken,
                  page -> tags.putAll(AwsAttributes.tags(page.tags(), Tag::key, Tag::value)));
          if (tagged) {
            resource.tags(tags);
          }
          context.emit(resource, SOURCES);
        });
  }
}
