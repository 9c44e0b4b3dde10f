package io.lcscan.provider.common;

import static java.util.Objects.requireNonNull;

import io.lcscan.spi.CallOutcome;
import io.lcscan.spi.GapReason;
import java.time.Duration;

/**
 * Why a call failed, as the runtime acts on it.
 *
 * @param reason the coverage gap it becomes; null for NOT_FOUND, which is an answer, not a gap
 * @param httpStatus 0 when no HTTP answer arrived
 * @param retryAfter the server's Retry-After, or null
 * @param retryable whether another attempt may succeed (throttling, transient server errors)
 */
public record CallFailure(
    GapReason reason,
    CallOutcome outcome,
    int httpStatus,
    String errorCode,
    String message,
    String requestId,
    Duration retryAfter,
    boolean retryable) {

  public CallFailure {
    requireNonNull(outcome, "outcome is null");
    if (reason == null && outcome != CallOutcome.NOT_FOUND) {
      throw new IllegalArgumentException("only NOT_FOUND has no gap reason");
    }
  }

  public static CallFailure of(GapReason reason, String errorCode, String message) {
    return new CallFailure(reason, outcomeOf(reason), 0, errorCode, message, null, null, false);
  }

  public boolean notFound() {
    return outcome == CallOutcome.NOT_FOUND;
  }

  public boolean throttled() {
    return reason == GapReason.THROTTLED;
  }

  public CallFailure withRequestId(String value) {
    return new CallFailure(
        reason, outcome, httpStatus, errorCode, message, value, retryAfter, retryable);
  }

  /** The same failure as a final answer, as when retries ran out. */
  public CallFailure notRetryable() {
    return new CallFailure(
        reason, outcome, httpStatus, errorCode, message, requestId, retryAfter, false);
  }

  /** A short description for a gap's detail: code, HTTP status, message. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (errorCode != null && !errorCode.isEmpty()) {
      text.append(errorCode);
    }
    if (httpStatus > 0) {
      text.append(text.length() > 0 ? " " : "").append("(HTTP ").append(httpStatus).append(')');
    }
    if (message != null && !message.isEmpty()) {
      text.append(text.length() > 0 ? ": " : "").append(message);
    }
    return text.length() == 0 ? String.valueOf(reason) : text.toString();
  }

  public static CallOutcome outcomeOf(GapReason reason) {
    if (reason == null) {
      return CallOutcome.NOT_FOUND;
    }
    return switch (reason) {
      case ACCESS_DENIED -> CallOutcome.DENIED;
      case THROTTLED -> CallOutcome.THROTTLED;
      case TIMEOUT -> CallOutcome.TIMEOUT;
      default -> CallOutcome.ERROR;
    };
  }
}
