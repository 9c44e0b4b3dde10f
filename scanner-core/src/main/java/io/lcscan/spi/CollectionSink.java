package io.lcscan.spi;

/** Receives what collectors produce. Implementations are thread-safe. */
public interface CollectionSink {

  void resource(Resource resource);

  void gap(CoverageGap gap);

  void call(CallRecord call);

  /**
   * A raw API response, already redacted, kept for the evidence bundle.
   *
   * @param name a relative path such as {@code aws/123456789012/ap-northeast-1/s3/ListBuckets.xml}
   */
  default void raw(String name, byte[] redactedBody) {}
}
