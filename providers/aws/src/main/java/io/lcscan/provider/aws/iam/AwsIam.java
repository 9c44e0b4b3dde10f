package io.lcscan.provider.aws.iam;

import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.common.CallFailure;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.GapReason;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.UserDetail;

/** IAM lookups the account, user and role collectors share: read once per account. */
final class AwsIam {
  private AwsIam() {}

  static final CallSpec AUTHORIZATION = CallSpec.of("iam", "GetAccountAuthorizationDetails");
  // without a generated report there is nothing to read; lcscan does not generate one (a write)
  static final CallSpec CREDENTIAL_REPORT =
      CallSpec.of("iam", "GetCredentialReport")
          .absentWhen("ReportNotPresent", "ReportExpired", "ReportInProgress");

  /** Everything GetAccountAuthorizationDetails returns, all pages. */
  record Authorization(
      List<UserDetail> users,
      List<GroupDetail> groups,
      List<RoleDetail> roles,
      List<ManagedPolicyDetail> policies) {}

  static CallResult<Authorization> authorization(AwsCollectionContext context)
      throws InterruptedException {
    return context
        .lookups()
        .once(
            "iam:GetAccountAuthorizationDetails",
            () -> {
              IamClient iam = context.client(IamClient.class);
              List<UserDetail> users = new ArrayList<>();
              List<GroupDetail> groups = new ArrayList<>();
              List<RoleDetail> roles = new ArrayList<>();
              List<ManagedPolicyDetail> policies = new ArrayList<>();
              boolean complete =
                  context.paginate(
                      AUTHORIZATION,
                      token ->
                          iam.getAccountAuthorizationDetails(
                              request ->
                                  request
                                      .filterWithStrings(
                                          "User", "Group", "Role", "LocalManagedPolicy")
                                      .marker(token)),
                      page -> Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null,
                      (GetAccountAuthorizationDetailsResponse page) -> {
                        users.addAll(page.userDetailList());
                        groups.addAll(page.groupDetailList());
                        roles.addAll(page.roleDetailList());
                        policies.addAll(page.policies());
                      });
              return complete
                  ? CallResult.ok(new Authorization(users, groups, roles, policies))
                  : CallResult.failed(
                      CallFailure.of(
                          GapReason.ERROR,
                          null,
                          "iam:GetAccountAuthorizationDetails did not complete"));
            });
  }

  /**
   * The credential report by user name ({@code <root_account>} for the root user), each row by
   * column name. NOT_FOUND when no report has been generated.
   */
  static CallResult<Map<String, Map<String, String>>> credentialReport(AwsCollectionContext context)
      throws InterruptedException {
    return context
        .lookups()
        .once(
            "iam:GetCredentialReport",
            () -> {
              IamClient iam = context.client(IamClient.class);
              CallResult<String> report =
                  context.call(
                      CREDENTIAL_REPORT,
                      () -> iam.getCredentialReport().content().asString(StandardCharsets.UTF_8));
              if (!report.ok()) {
                return CallResult.failed(report.failure().orElseThrow());
              }
              return CallResult.ok(parseReport(report.value()));
            });
  }

  static Map<String, Map<String, String>> parseReport(String csv) {
    Map<String, Map<String, String>> rows = new HashMap<>();
    try (java.io.BufferedReader reader = new java.io.BufferedReader(new StringReader(csv))) {
      String header = reader.readLine();
      if (header == null) {
        return rows;
      }
      String[] columns = header.split(",", -1);
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] values = line.split(",", -1);
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < columns.length && i < values.length; i++) {
          row.put(columns[i], values[i]);
        }
        rows.put(row.get("user"), row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** A credential report time; null for N/A, no_information, not_supported. */
  static Instant reportTime(String value) {
    if (value == null || value.isEmpty() || !Character.isDigit(value.charAt(0))) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static Boolean reportBoolean(String value) {
    if ("true".equals(value)) {
      return true;
    }
    if ("false".equals(value)) {
      return false;
    }
    return null;
  }
}
