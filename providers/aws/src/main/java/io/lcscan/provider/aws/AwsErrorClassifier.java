package io.lcscan.provider.aws;

import io.lcscan.provider.common.CallErrorClassifier;
import io.lcscan.provider.common.CallErrors;
import io.lcscan.provider.common.CallFailure;
import io.lcscan.provider.common.RetryAfter;
import io.lcscan.spi.GapReason;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;

/** Unwraps AWS SDK exceptions into the shared failure classification. */
public final class AwsErrorClassifier implements CallErrorClassifier {
  private final Clock clock;

  public AwsErrorClassifier(Clock clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock is null");
  }

  @Override
  public CallFailure classify(Throwable error) {
    if (error instanceof AwsServiceException service) {
      AwsErrorDetails details = service.awsErrorDetails();
      String code = details == null ? null : details.errorCode();
      String message = details == null ? service.getMessage() : details.errorMessage();
      Duration retryAfter = null;
      if (details != null && details.sdkHttpResponse() != null) {
        SdkHttpResponse response = details.sdkHttpResponse();
        retryAfter =
            response
                .firstMatchingHeader("Retry-After")
                .flatMap(value -> RetryAfter.parse(value, clock.instant()))
                .orElse(null);
      }
      return CallErrors.http(
          service.statusCode(), code, message, emptyToNull(service.requestId()), retryAfter);
    }
    if (error instanceof SdkServiceException service) {
      return CallErrors.http(
          service.statusCode(), null, service.getMessage(), emptyToNull(service.requestId()), null);
    }
    if (error instanceof ApiCallAttemptTimeoutException
        || error instanceof ApiCallTimeoutException) {
      return CallFailure.of(GapReason.TIMEOUT, error.getClass().getSimpleName(), firstLine(error));
    }
    if (error instanceof AbortedException) {
      return CallFailure.of(GapReason.TIMEOUT, "Aborted", firstLine(error));
    }
    if (error instanceof SdkClientException client) {
      String message = String.valueOf(client.getMessage());
      // the SDK wraps a body it cannot parse this way, whatever parser failed underneath
      if (message.contains("Unable to unmarshall") || message.contains("Unable to parse")) {
        return CallFailure.of(GapReason.MALFORMED_RESPONSE, "UnmarshallingError", firstLine(error));
      }
      CallFailure transport = CallErrors.transport(client);
      return transport;
    }
    return CallErrors.transport(error);
  }

  private static String firstLine(Throwable error) {
    String message = error.getMessage();
    return message == null
        ? error.getClass().getSimpleName()
        : message.lines().findFirst().orElse("");
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
