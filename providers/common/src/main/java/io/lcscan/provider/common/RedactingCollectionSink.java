package io.lcscan.provider.common;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.spi.CallRecord;
import io.lcscan.spi.CollectionSink;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Resource;
import java.util.Map;
import java.util.TreeMap;

/**
 * Redacts every resource's attributes and tag values on the way into the sink, so a secret a
 * collector did not expect still never reaches the inventory. Raw bodies are passed on as they are:
 * the provider redacts them, knowing their format.
 */
public final class RedactingCollectionSink implements CollectionSink {
  private final CollectionSink delegate;

  public RedactingCollectionSink(CollectionSink delegate) {
    this.delegate = requireNonNull(delegate, "delegate is null");
  }

  @Override
  public void resource(Resource resource) {
    ObjectNode attributes = (ObjectNode) Redactor.redactJson(resource.attributes().deepCopy());
    Map<String, String> tags = new TreeMap<>();
    resource.tags().forEach((key, value) -> tags.put(key, Redactor.redactText(value)));
    delegate.resource(
        new Resource(
            resource.provider(),
            resource.account(),
            resource.region(),
            resource.type(),
            resource.id(),
            resource.name(),
            tags,
            resource.classification(),
            attributes,
            resource.references(),
            resource.unknownAttributes(),
            resource.source()));
  }

  @Override
  public void gap(CoverageGap gap) {
    delegate.gap(gap);
  }

  @Override
  public void call(CallRecord call) {
    delegate.call(call);
  }

  @Override
  public void raw(String name, byte[] redactedBody) {
    delegate.raw(name, redactedBody);
  }
}
