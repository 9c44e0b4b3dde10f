package io.lcscan.provider.common;

import io.lcscan.spi.CallOutcome;
import io.lcscan.spi.GapReason;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The failure classification every provider shares: an HTTP answer by status and error code, a
 * transport failure by exception type. Providers unwrap their SDK's exceptions and call these.
 */
public final class CallErrors {
  private CallErrors() {}

  // AWS, Azure and Google spellings; compared case-insensitively
  private static final Set<String> ACCESS_DENIED =
      lower(
          "AccessDenied",
          "AccessDeniedException",
          "UnauthorizedOperation",
          "UnauthorizedAccess",
          "UnauthorizedException",
          "AuthorizationError",
          "AuthorizationErrorException",
          "AuthFailure",
          "Forbidden",
          "ForbiddenException",
          "InvalidClientTokenId",
          "UnrecognizedClientException",
          "ExpiredToken",
          "ExpiredTokenException",
          "SignatureDoesNotMatch",
          "MissingAuthenticationToken",
          "AllAccessDisabled",
          "AuthorizationFailed",
          "AuthenticationFailed",
          "PERMISSION_DENIED",
          "UNAUTHENTICATED",
          "insufficientPermissions");

  private static final Set<String> THROTTLED =
      lower(
          "Throttling",
          "ThrottlingException",
          "ThrottledException",
          "RequestThrottled",
          "RequestThrottledException",
          "RequestLimitExceeded",
          "TooManyRequests",
          "TooManyRequestsException",
          "SlowDown",
          "ProvisionedThroughputExceededException",
          "TransactionInProgressException",
          "RequestThrottledException",
          "PriorRequestNotComplete",
          "BandwidthLimitExceeded",
          "EC2ThrottledException",
          "Rate exceeded",
          "RESOURCE_EXHAUSTED",
          "rateLimitExceeded",
          "userRateLimitExceeded");

  private static final Set<String> OPT_IN =
      lower("OptInRequired", "InvalidRegion", "RegionDisabledException", "SubscriptionNotFound");

  private static final Set<String> TRANSIENT =
      lower(
          "RequestTimeout",
          "RequestTimeoutException",
          "InternalError",
          "InternalFailure",
          "InternalServerError",
          "InternalServerException",
          "ServiceUnavailable",
          "ServiceUnavailableException",
          "Unavailable",
          "IDPCommunicationError");

  private static final Set<String> MALFORMED_TYPES =
      Set.of(
          "JsonParseException",
          "JsonEOFException",
          "JsonMappingException",
          "MismatchedInputException",
          "JsonProcessingException",
          "XMLStreamException",
          "WstxParsingException",
          "WstxUnexpectedCharException",
          "WstxEOFException",
          "SAXException",
          "SAXParseException",
          "MalformedJsonException",
          "DateTimeParseException");

  /**
   * Classifies an HTTP error answer.
   *
   * @param errorCode the service's error code, or null
   * @param retryAfter the parsed Retry-After header, or null
   */
  public static CallFailure http(
      int status, String errorCode, String message, String requestId, Duration retryAfter) {
    String code = errorCode == null ? "" : errorCode.toLowerCase(Locale.ROOT);
    if (ACCESS_DENIED.contains(code) || status == 401 || status == 403) {
      return failure(GapReason.ACCESS_DENIED, status, errorCode, message, requestId, null, false);
    }
    if (THROTTLED.contains(code) || status == 429 || status == 503) {
      return failure(GapReason.THROTTLED, status, errorCode, message, requestId, retryAfter, true);
    }
    if (OPT_IN.contains(code)) {
      return failure(GapReason.UNREACHABLE, status, errorCode, message, requestId, null, false);
    }
    if (isNotFound(status, errorCode)) {
      return new CallFailure(
          null, CallOutcome.NOT_FOUND, status, errorCode, message, requestId, null, false);
    }
    if (status >= 500 || TRANSIENT.contains(code)) {
      return failure(GapReason.ERROR, status, errorCode, message, requestId, retryAfter, true);
    }
    return failure(GapReason.ERROR, status, errorCode, message, requestId, null, false);
  }

  /** Whether an answer says the thing asked for does not exist (or is not configured). */
  public static boolean isNotFound(int status, String errorCode) {
    if (status == 404) {
      return true;
    }
    if (errorCode == null) {
      return false;
    }
    return errorCode.startsWith("NoSuch")
        || errorCode.endsWith("NotFound")
        || errorCode.endsWith("NotFoundException")
        || errorCode.endsWith("NotFoundError")
        || errorCode.endsWith("NotFoundFault")
        || errorCode.equals("NOT_FOUND");
  }

  /** Classifies a failure without an HTTP answer by the exception and its causes. */
  public static CallFailure transport(Throwable error) {
    String message = messageOf(error);
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String type = cause.getClass().getSimpleName();
      if (MALFORMED_TYPES.contains(type)) {
        return CallFailure.of(GapReason.MALFORMED_RESPONSE, type, message);
      }
      if (type.equals("ConnectTimeoutException")
          || cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException
          || cause instanceof PortUnreachableException) {
        return CallFailure.of(GapReason.UNREACHABLE, type, message);
      }
      if (cause instanceof SocketTimeoutException
          || type.equals("HttpTimeoutException")
          || (cause instanceof InterruptedIOException
              && !(cause instanceof java.nio.channels.ClosedByInterruptException))) {
        return CallFailure.of(GapReason.TIMEOUT, type, message);
      }
      if (cause instanceof SocketException
          || cause instanceof EOFException
          || type.equals("NoHttpResponseException")
          || type.equals("ConnectionClosedException")
          || type.equals("TruncatedChunkException")) {
        // the connection broke mid-answer: another attempt on a fresh connection may work
        return new CallFailure(
            GapReason.ERROR, CallOutcome.ERROR, 0, type, message, null, null, true);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return CallFailure.of(GapReason.ERROR, error.getClass().getSimpleName(), message);
  }

  public static CallFailure failure(
      GapReason reason,
      int status,
      String errorCode,
      String message,
      String requestId,
      Duration retryAfter,
      boolean retryable) {
    return new CallFailure(
        reason,
        CallFailure.outcomeOf(reason),
        status,
        errorCode,
        message,
        requestId,
        retryAfter,
        retryable);
  }

  private static String messageOf(Throwable error) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      Throwable cause = error.getCause();
      message = cause == null ? null : cause.getMessage();
    }
    if (message == null) {
      return error.getClass().getSimpleName();
    }
    // keep gap details short and single-line: SDK messages carry service and request ids after a
    // '('
    String line = message.lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private static Set<String> lower(String... values) {
    java.util.HashSet<String> result = new java.util.HashSet<>();
    for (String value : values) {
      result.add(value.toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(result);
  }
}
