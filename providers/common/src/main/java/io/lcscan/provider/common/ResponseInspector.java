package io.lcscan.provider.common;

/** Reads the request id and HTTP status of a successful answer for the call log. */
@FunctionalInterface
public interface ResponseInspector {
  ResponseInfo inspect(Object response);

  static ResponseInspector none() {
    return response -> ResponseInfo.UNKNOWN;
  }

  /**
   * @param requestId null when the answer has none
   * @param httpStatus 0 when unknown
   */
  record ResponseInfo(String requestId, int httpStatus) {
    public static final ResponseInfo UNKNOWN = new ResponseInfo(null, 0);
  }
}
