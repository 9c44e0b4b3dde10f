package io.lcscan.provider.aws;

import io.lcscan.provider.common.ResponseInspector;
import software.amazon.awssdk.awscore.AwsResponse;

/** Reads the request id and status of an SDK answer for the call log. */
public final class AwsResponseInspector implements ResponseInspector {
  @Override
  public ResponseInfo inspect(Object response) {
    if (response instanceof AwsResponse aws) {
      String requestId = aws.responseMetadata() == null ? null : aws.responseMetadata().requestId();
      if ("UNKNOWN".equals(requestId)) {
        requestId = null;
      }
      int status = aws.sdkHttpResponse() == null ? 0 : aws.sdkHttpResponse().statusCode();
      return new ResponseInfo(requestId, status);
    }
    return ResponseInfo.UNKNOWN;
  }
}
