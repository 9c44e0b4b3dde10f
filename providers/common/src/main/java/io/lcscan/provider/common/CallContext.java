package io.lcscan.provider.common;

import static java.util.Objects.requireNonNull;

import io.lcscan.spi.CollectionSink;
import io.lcscan.spi.GapReason;
import io.lcscan.spi.Resource;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * What a collector works with in one account and region: calls that are limited, retried, timed
 * out, logged and turned into coverage gaps when they fail, and the sink for what it finds.
 */
public final class CallContext {
  private final CollectionRuntime runtime;
  private final String provider;
  private final String account;
  private final String region;
  private final CollectionSink sink;

  CallContext(
      CollectionRuntime runtime,
      String provider,
      String account,
      String region,
      CollectionSink sink) {
    this.runtime = requireNonNull(runtime, "runtime is null");
    this.provider = requireNonNull(provider, "provider is null");
    this.account = requireNonNull(account, "account is null");
    this.region = requireNonNull(region, "region is null");
    this.sink = requireNonNull(sink, "sink is null");
  }

  public String provider() {
    return provider;
  }

  public String account() {
    return account;
  }

  /**
   * The region calls are logged and gaps are recorded under ({@code global} for global services).
   */
  public String region() {
    return region;
  }

  public CollectionSink sink() {
    return sink;
  }

  /** The same account in another region, as when a bucket is read where it lives. */
  public CallContext withRegion(String otherRegion) {
    return otherRegion.equals(region)
        ? this
        : new CallContext(runtime, provider, account, otherRegion, sink);
  }

  /**
   * Makes one call. A failure is already logged and recorded as a gap for {@code spec.feeds()} when
   * this returns; the caller leaves the attributes it would have filled absent.
   */
  public <T> CallResult<T> call(CallSpec spec, ApiCall<T> call) throws InterruptedException {
    return runtime.execute(this, spec, call);
  }

  /**
   * Reads every page of a listing. Each page is one logged call. A token seen before, or more than
   * the configured number of pages, stops the listing with a coverage gap instead of looping.
   *
   * @param fetcher fetches the page after {@code token}; the first page gets null
   * @param nextToken the token of the next page, null or empty on the last one
   * @return whether every page was read (a NOT_FOUND listing counts as complete and empty)
   */
  public <P> boolean paginate(
      CallSpec spec, PageFetcher<P> fetcher, Function<P, String> nextToken, PageHandler<P> handler)
      throws InterruptedException {
    Set<String> seen = new HashSet<>();
    String token = null;
    int pages = 0;
    while (true) {
      String current = token;
      CallResult<P> page = call(spec, () -> fetcher.fetch(current));
      if (page.notFound()) {
        return true;
      }
      if (page.failed()) {
        return false;
      }
      pages++;
      handler.accept(page.value());
      String next = nextToken.apply(page.value());
      if (next == null || next.isEmpty()) {
        return true;
      }
      if (!seen.add(next)) {
        gap(
            spec.feeds(),
            spec.service(),
            GapReason.MALFORMED_RESPONSE,
            spec.name()
                + " returned a pagination token it had returned before, after "
                + pages
                + " pages; listing stopped");
        return false;
      }
      if (pages >= runtime.config().getMaxPages()) {
        gap(
            spec.feeds(),
            spec.service(),
            GapReason.ERROR,
            spec.name() + " still had more pages after " + pages + "; listing stopped");
        return false;
      }
      token = next;
    }
  }

  /**
   * Runs {@code body} for each item, several at once (bounded by the region concurrency), and
   * returns when all are done; the first exception is rethrown after the others finished.
   */
  public <T> void forEach(Collection<T> items, ItemBody<T> body) throws Exception {
    runtime.forEach(items, body);
  }

  public void emit(Resource resource) {
    sink.resource(resource);
  }

  /** Records a gap for each type here, once per type, reason and place. */
  public void gap(Collection<String> types, String service, GapReason reason, String detail) {
    runtime.gap(this, types, service, reason, detail);
  }

  @FunctionalInterface
  public interface ApiCall<T> {
    T call() throws Exception;
  }

  @FunctionalInterface
  public interface PageFetcher<P> {
    P fetch(String token) throws Exception;
  }

  @FunctionalInterface
  public interface ItemBody<T> {
    void accept(T item) throws Exception;
  }

  @FunctionalInterface
  public interface PageHandler<P> {
    void accept(P page) throws InterruptedException;
  }
}
