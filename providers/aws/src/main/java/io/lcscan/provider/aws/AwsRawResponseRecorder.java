package io.lcscan.provider.aws;

import static java.util.Objects.requireNonNull;

import io.lcscan.provider.common.Redactor;
import io.lcscan.spi.CollectionSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Keeps each successful answer, redacted, for the evidence bundle. It reads the body once and hands
 * the SDK a copy, so the client parses exactly what was recorded.
 */
final class AwsRawResponseRecorder implements ExecutionInterceptor {
  // always secret, whatever they look like
  static final Set<String> JSON_SECRET_FIELDS =
      Set.of("Environment.Variables", "UserData", "SecretString", "SecretBinary");
  static final Set<String> XML_SECRET_ELEMENTS =
      Set.of(
          "userData",
          "UserData",
          "Base32StringSeed",
          "QRCodePNG",
          "SecretAccessKey",
          "HeaderValue");

  private final CollectionSink sink;
  private final String account;
  private final String region;
  private final AtomicLong sequence;

  AwsRawResponseRecorder(CollectionSink sink, String account, String region, AtomicLong sequence) {
    this.sink = requireNonNull(sink, "sink is null");
    this.account = requireNonNull(account, "account is null");
    this.region = requireNonNull(region, "region is null");
    this.sequence = requireNonNull(sequence, "sequence is null");
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Optional<InputStream> body = context.responseBody();
    if (body.isEmpty() || !context.httpResponse().isSuccessful()) {
      return body;
    }
    byte[] bytes;
    try (InputStream in = body.get()) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String service =
        String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))
            .toLowerCase(Locale.ROOT)
            .replace(' ', '-');
    String operation =
        String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    String text = new String(bytes, StandardCharsets.UTF_8);
    String trimmed = text.stripLeading();
    boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
    String redacted =
        json
            ? Redactor.redactJsonText(text, JSON_SECRET_FIELDS)
            : Redactor.redactXml(text, XML_SECRET_ELEMENTS);
    String name =
        String.format(
            Locale.ROOT,
            "aws/%s/%s/%s/%s-%06d.%s",
            account,
            region,
            service,
            operation,
            sequence.incrementAndGet(),
            json ? "json" : "xml");
    sink.raw(name, redacted.getBytes(StandardCharsets.UTF_8));
    return Optional.of(new ByteArrayInputStream(bytes));
  }
}
