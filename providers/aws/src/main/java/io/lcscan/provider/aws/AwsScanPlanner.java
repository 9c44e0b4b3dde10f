package io.lcscan.provider.aws;

import static java.util.Objects.requireNonNull;

import io.lcscan.provider.common.CallContext;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.provider.common.CollectionRuntime;
import io.lcscan.spi.CollectionSink;
import io.lcscan.spi.GapReason;
import io.lcscan.spi.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Decides which accounts and regions a scan covers: the caller's identity, the organization's
 * ACTIVE accounts with a role assumed in each, and the regions enabled in each account. Every call
 * goes through the runtime, and a failure here is a gap for every type the scan would have read.
 */
final class AwsScanPlanner {
  private static final String CALLER = "caller";
  private static final String NOT_OPTED_IN = "not-opted-in";

  private final AwsClientFactory clients;
  private final CollectionRuntime runtime;
  private final CollectionSink sink;

  AwsScanPlanner(AwsClientFactory clients, CollectionRuntime runtime, CollectionSink sink) {
    this.clients = requireNonNull(clients, "clients is null");
    this.runtime = requireNonNull(runtime, "runtime is null");
    this.sink = requireNonNull(sink, "sink is null");
  }

  /** An account to scan, before its credentials are proven. */
  record AccountPlan(String accountId, AwsCredentialsProvider credentials, boolean assumed) {}

  /** The accounts in scope. An empty list means nothing could be planned; the gaps say why. */
  List<AccountPlan> accounts(Scope scope, Set<String> types) throws InterruptedException {
    Map<String, String> keys = scope.credentials();
    AwsCredentialsProvider caller = clients.baseCredentials(keys);
    String roleArn = keys.get(AwsScopeKeys.ROLE_ARN);
    String externalId = keys.get(AwsScopeKeys.EXTERNAL_ID);
    if (roleArn != null) {
      caller = clients.assumeRole(caller, "base", roleArn, externalId, CALLER);
    }
    AwsCredentialsProvider callerCredentials = caller;
    CallContext setup = context("", clients.homeRegion());
    StsClient sts =
        clients.client(StsClient.class, callerCredentials, CALLER, clients.homeRegion());
    CallSpec identitySpec = CallSpec.of("sts", "GetCallerIdentity");
    CallResult<GetCallerIdentityResponse> identity =
        setup.call(identitySpec, sts::getCallerIdentity);
    if (!identity.ok()) {
      gapEverywhere("", types, identitySpec, identity, "cannot establish the caller's identity");
      return List.of();
    }
    String callerAccount = identity.value().account();

    String organizationRole = keys.get(AwsScopeKeys.ORGANIZATION_ROLE);
    if (organizationRole == null) {
      if (!scope.accounts().isEmpty() && !scope.accounts().contains(callerAccount)) {
        context("", "*")
            .gap(
                types,
                "sts",
                GapReason.ACCESS_DENIED,
                "the credentials belong to account "
                    + callerAccount
                    + ", not to "
                    + String.join(", ", scope.accounts())
                    + "; use an organization role to scan other accounts");
        return List.of();
      }
      return List.of(new AccountPlan(callerAccount, callerCredentials, roleArn != null));
    }

    Map<String, Account> active = new LinkedHashMap<>();
    OrganizationsClient organizations =
        clients.client(
            OrganizationsClient.class, callerCredentials, CALLER, AwsClientFactory.GLOBAL);
    CallSpec listSpec = CallSpec.of("organizations", "ListAccounts");
    CallContext orgContext = context(callerAccount, AwsClientFactory.GLOBAL);
    boolean complete =
        orgContext.paginate(
            listSpec,
            token -> organizations.listAccounts(request -> request.nextToken(token)),
            ListAccountsResponse::nextToken,
            page -> {
              for (Account account : page.accounts()) {
                if (isActive(account)) {
                  active.put(account.id(), account);
                }
              }
            });
    if (!complete) {
      context("", "*")
          .gap(
              types,
              "organizations",
              GapReason.ERROR,
              "organizations:ListAccounts did not complete: the organization's accounts are unknown");
      if (active.isEmpty()) {
        return List.of();
      }
    }
    String partition = partition(clients.homeRegion());
    List<AccountPlan> plans = new ArrayList<>();
    for (String accountId : active.keySet()) {
      if (!scope.accounts().isEmpty() && !scope.accounts().contains(accountId)) {
        continue;
      }
      if (accountId.equals(callerAccount)) {
        plans.add(new AccountPlan(accountId, callerCredentials, roleArn != null));
        continue;
      }
      String memberRole = "arn:" + partition + ":iam::" + accountId + ":role/" + organizationRole;
      plans.add(
          new AccountPlan(
              accountId,
              clients.assumeRole(callerCredentials, CALLER, memberRole, externalId, accountId),
              true));
    }
    for (String wanted : scope.accounts()) {
      if (!active.containsKey(wanted) && complete) {
        context(wanted, "*")
            .gap(
                types,
                "organizations",
                GapReason.UNREACHABLE,
                "account " + wanted + " is not an ACTIVE account of the organization");
      }
    }
    return plans;
  }

  /**
   * Proves the account's credentials and finds its regions. Null when the account cannot be scanned
   * at all; the gaps are recorded.
   */
  AwsAccountSession open(
      AccountPlan plan, Scope scope, Set<String> types, Set<String> regionalTypes)
      throws InterruptedException {
    String accountId = plan.accountId();
    CallContext home = context(accountId, clients.homeRegion());
    if (plan.assumed()) {
      CallSpec assume = CallSpec.of("sts", "AssumeRole");
      CallResult<?> credentials = home.call(assume, () -> plan.credentials().resolveCredentials());
      if (!credentials.ok()) {
        gapEverywhere(accountId, types, assume, credentials, "cannot assume the role");
        return null;
      }
    }
    String partition = partition(clients.homeRegion());
    List<String> requested =
        scope.regions().stream().filter(region -> !AwsClientFactory.GLOBAL.equals(region)).toList();
    boolean all = requested.isEmpty() || requested.contains(AwsScopeKeys.ALL_REGIONS);

    Ec2Client ec2 =
        clients.client(Ec2Client.class, plan.credentials(), accountId, clients.homeRegion());
    CallSpec describeRegions = CallSpec.of("ec2", "DescribeRegions");
    CallResult<DescribeRegionsResponse> answer =
        home.call(describeRegions, () -> ec2.describeRegions(request -> request.allRegions(true)));
    if (!answer.ok()) {
      if (all) {
        gapEverywhere(
            accountId, regionalTypes, describeRegions, answer, "the enabled regions are unknown");
        return new AwsAccountSession(
            accountId, plan.credentials(), List.of(), partition, new AwsSharedLookups());
      }
      // the regions were named: scan them, and let their own calls show what is reachable
      return new AwsAccountSession(
          accountId, plan.credentials(), requested, partition, new AwsSharedLookups());
    }
    Map<String, String> optIn = new LinkedHashMap<>();
    answer
        .value()
        .regions()
        .forEach(region -> optIn.put(region.regionName(), String.valueOf(region.optInStatus())));
    List<String> regions = new ArrayList<>();
    if (all) {
      optIn.forEach(
          (region, status) -> {
            if (!NOT_OPTED_IN.equals(status)) {
              regions.add(region);
            }
          });
      regions.sort(null);
    } else {
      for (String region : requested) {
        String status = optIn.get(region);
        if (status == null || NOT_OPTED_IN.equals(status)) {
          context(accountId, region)
              .gap(
                  regionalTypes,
                  "ec2",
                  GapReason.UNREACHABLE,
                  status == null
                      ? "region " + region + " is unknown to account " + accountId
                      : "region " + region + " is not enabled (opt-in) in account " + accountId);
        } else {
          regions.add(region);
        }
      }
    }
    return new AwsAccountSession(
        accountId, plan.credentials(), regions, partition, new AwsSharedLookups());
  }

  private static boolean isActive(Account account) {
    String state = account.stateAsString();
    if (state != null && !state.isEmpty() && !"null".equals(state)) {
      return "ACTIVE".equals(state);
    }
    return "ACTIVE".equals(account.statusAsString());
  }

  private void gapEverywhere(
      String account, Set<String> types, CallSpec spec, CallResult<?> result, String what) {
    result
        .failure()
        .ifPresent(
            failure ->
                context(account, "*")
                    .gap(
                        types,
                        spec.service(),
                        failure.reason() == null ? GapReason.ERROR : failure.reason(),
                        what + ": " + spec.name() + ": " + failure.describe()));
  }

  private CallContext context(String account, String region) {
    return runtime.context(AwsCollectionContext.PROVIDER, account, region, sink);
  }

  static String partition(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    return "aws";
  }
}
