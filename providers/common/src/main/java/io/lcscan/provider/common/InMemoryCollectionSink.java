package io.lcscan.provider.common;

import io.lcscan.spi.CallRecord;
import io.lcscan.spi.CollectionSink;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps everything collected in memory, in arrival order. Thread-safe. */
public final class InMemoryCollectionSink implements CollectionSink {
  private final List<Resource> resources = new ArrayList<>();
  private final List<CoverageGap> gaps = new ArrayList<>();
  private final List<CallRecord> calls = new ArrayList<>();
  private final Map<String, byte[]> raw = new LinkedHashMap<>();

  @Override
  public synchronized void resource(Resource resource) {
    resources.add(resource);
  }

  @Override
  public synchronized void gap(CoverageGap gap) {
    gaps.add(gap);
  }

  @Override
  public synchronized void call(CallRecord call) {
    calls.add(call);
  }

  @Override
  public synchronized void raw(String name, byte[] redactedBody) {
    raw.put(name, redactedBody.clone());
  }

  public synchronized List<Resource> resources() {
    return List.copyOf(resources);
  }

  public synchronized List<CoverageGap> gaps() {
    return List.copyOf(gaps);
  }

  public synchronized List<CallRecord> calls() {
    return List.copyOf(calls);
  }

  public synchronized Map<String, byte[]> raw() {
    return Map.copyOf(raw);
  }
}
