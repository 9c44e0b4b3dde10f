package io.lcscan.provider.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fails unless every request WireMock received was a read: lcscan must never change what it audits.
 * The operation is read from X-Amz-Target (JSON protocols), the Action parameter (query protocols)
 * or, for REST protocols, the method: GET and HEAD, or a POST on the few REST read operations that
 * take a body.
 */
public final class AwsReadOnlyAssertions {
  private static final Pattern READ_OPERATION =
      Pattern.compile("^(Get|List|Describe|Head|Search|Lookup|BatchGet).*");
  // reads that create nothing: temporary credentials for the audited account
  private static final List<String> ALSO_ALLOWED = List.of("AssumeRole");
  private static final Pattern SERVICE = Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/([^/]+)/");
  // REST operations that read with POST (botocore: http.method POST, a read by name)
  private static final List<Pattern> REST_POST_READS =
      List.of(
          Pattern.compile("^/status/batch/get$"), // inspector2 BatchGetAccountStatus
          Pattern.compile("^/detector/[^/]+/findings$"), // guardduty ListFindings
          Pattern.compile("^/detector/[^/]+/findings/get$"), // guardduty GetFindings
          Pattern.compile("^/findings$"), // securityhub GetFindings
          Pattern.compile("^/findingv2$"), // accessanalyzer ListFindingsV2
          Pattern.compile("^/finding$"), // accessanalyzer ListFindings
          Pattern.compile("^/getAlternateContact$")); // account GetAlternateContact

  private AwsReadOnlyAssertions() {}

  public static void assertReadOnly(WireMockServer server) {
    List<String> writes = new ArrayList<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      LoggedRequest request = event.getRequest();
      String operation = operation(request);
      String method = request.getMethod().getName();
      String path = request.getUrl().replaceFirst("\\?.*", "");
      boolean read;
      if (operation != null) {
        read = READ_OPERATION.matcher(operation).matches() || ALSO_ALLOWED.contains(operation);
      } else if (method.equals("GET") || method.equals("HEAD")) {
        read = true;
      } else {
        read =
            method.equals("POST")
                && REST_POST_READS.stream().anyMatch(p -> p.matcher(path).matches());
      }
      if (!read) {
        writes.add(
            service(request)
                + " "
                + (operation == null ? "" : operation + " ")
                + "("
                + method
                + " "
                + request.getUrl()
                + ")");
      }
    }
    if (!writes.isEmpty()) {
      throw new AssertionError(
          "lcscan sent requests that are not reads:\n  " + String.join("\n  ", writes));
    }
  }

  static String operation(LoggedRequest request) {
    HttpHeader target = request.header("X-Amz-Target");
    if (target != null && target.isPresent()) {
      String value = target.firstValue();
      return value.substring(value.lastIndexOf('.') + 1);
    }
    String body = request.getBodyAsString();
    if (body != null) {
      Matcher action = Pattern.compile("(?:^|&)Action=([^&]+)").matcher(body);
      if (action.find()) {
        return URLDecoder.decode(action.group(1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  static String service(LoggedRequest request) {
    HttpHeader authorization = request.header("Authorization");
    if (authorization != null && authorization.isPresent()) {
      Matcher matcher = SERVICE.matcher(authorization.firstValue());
      if (matcher.find()) {
        return matcher.group(2);
      }
    }
    return "?";
  }
}
