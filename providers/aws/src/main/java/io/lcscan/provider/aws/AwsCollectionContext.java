package io.lcscan.provider.aws;

import static java.util.Objects.requireNonNull;

import io.lcscan.provider.common.CallContext;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceSource;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkClient;

/** What an {@link AwsCollector} works with in one account and region. */
public final class AwsCollectionContext {
  public static final String PROVIDER = "aws";

  private final AwsAccountSession account;
  private final AwsClientFactory clients;
  private final CallContext calls;

  public AwsCollectionContext(
      AwsAccountSession account, AwsClientFactory clients, CallContext calls) {
    this.account = requireNonNull(account, "account is null");
    this.clients = requireNonNull(clients, "clients is null");
    this.calls = requireNonNull(calls, "calls is null");
  }

  public String accountId() {
    return account.accountId();
  }

  /** The region collected: a region name, {@code global}, or {@code *} for account-wide work. */
  public String region() {
    return calls.region();
  }

  /** The region of STS and account-wide services that live in one region (Identity Center). */
  public String homeRegion() {
    return clients.homeRegion();
  }

  public String partition() {
    return account.partition();
  }

  /** The regions scanned in this account. */
  public List<String> regions() {
    return account.regions();
  }

  public AwsSharedLookups lookups() {
    return account.lookups();
  }

  public boolean inScope(String region) {
    return account.regions().contains(region);
  }

  public CallContext calls() {
    return calls;
  }

  /** The same account in another region (for a bucket, where it lives). */
  public AwsCollectionContext inRegion(String region) {
    return new AwsCollectionContext(account, clients, calls.withRegion(region));
  }

  /** The client for this context's region; account-wide work gets the home region's. */
  public <C extends SdkClient> C client(Class<C> type) {
    String region = calls.region();
    if ("*".equals(region)) {
      region = clients.homeRegion();
    }
    return clients.client(type, account.credentials(), account.accountId(), region);
  }

  public <T> CallResult<T> call(CallSpec spec, CallContext.ApiCall<T> call)
      throws InterruptedException {
    return calls.call(spec, call);
  }

  public <P> boolean paginate(
      CallSpec spec,
      CallContext.PageFetcher<P> fetcher,
      Function<P, String> nextToken,
      CallContext.PageHandler<P> handler)
      throws InterruptedException {
    return calls.paginate(spec, fetcher, nextToken, handler);
  }

  /**
   * Records a gap for {@code types} from a lookup that failed (its call fed no types of its own,
   * since several collectors share it). Nothing happens for a success or NOT_FOUND.
   */
  public void gap(CallResult<?> result, String what, Collection<String> types) {
    result
        .failure()
        .filter(failure -> !failure.notFound())
        .ifPresent(
            failure ->
                calls.gap(
                    types,
                    what.substring(0, Math.max(0, what.indexOf(':'))),
                    failure.reason(),
                    what + ": " + failure.describe()));
  }

  /** Runs {@code body} for each item, several at once under the runtime's limits. */
  public <T> void forEach(Collection<T> items, CallContext.ItemBody<T> body) throws Exception {
    calls.forEach(items, body);
  }

  /** A resource of this account and region, ready for attributes. */
  public Resource.Builder resource(String type, String id) {
    String region = calls.region();
    return Resource.builder(PROVIDER, type, id)
        .account(account.accountId())
        .region("*".equals(region) ? null : region);
  }

  /** Emits a resource, citing the calls that described it. */
  public void emit(Resource.Builder resource, Collection<CallSpec> sources) {
    resource.source(ResourceSource.live(sources.stream().map(CallSpec::name).distinct().toList()));
    calls.emit(resource.build());
  }

  /** {@code arn:<partition>:<service>:<region>:<account>:<resource>}. */
  public String arn(String service, String region, String resource) {
    return "arn:"
        + account.partition()
        + ":"
        + service
        + ":"
        + region
        + ":"
        + account.accountId()
        + ":"
        + resource;
  }
}
