package io.lcscan.provider.aws.iam;

import static io.lcscan.provider.aws.AwsAttributes.bool;
import static io.lcscan.provider.aws.AwsAttributes.integer;
import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.model.AlternateContactType;
import software.amazon.awssdk.services.account.model.GetAlternateContactResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.ListInstancesResponse;

/**
 * Account-wide IAM and account settings ({@code aws.iam.account}): the root user, the password
 * policy, the security contact and IAM Identity Center. One resource per account.
 */
public final class AwsIamAccountCollector implements AwsCollector {
  public static final String TYPE = "aws.iam.account";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec SUMMARY = CallSpec.of("iam", "GetAccountSummary", TYPE);
  private static final CallSpec VIRTUAL_MFA = CallSpec.of("iam", "ListVirtualMFADevices", TYPE);
  private static final CallSpec PASSWORD_POLICY =
      CallSpec.of("iam", "GetAccountPasswordPolicy", TYPE);
  private static final CallSpec CONTACT = CallSpec.of("account", "GetAlternateContact", TYPE);
  private static final CallSpec SSO_INSTANCES = CallSpec.of("sso-admin", "ListInstances", TYPE);
  private static final List<CallSpec> SOURCES =
      List.of(
          SUMMARY, AwsIam.CREDENTIAL_REPORT, VIRTUAL_MFA, PASSWORD_POLICY, CONTACT, SSO_INSTANCES);

  @Override
  public String service() {
    return "iam";
  }

  @Override
  public Set<String> resourceTypes() {
    return TYPES;
  }

  @Override
  public AwsPlacement placement() {
    return AwsPlacement.GLOBAL;
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    IamClient iam = context.client(IamClient.class);
    String rootArn = "arn:" + context.partition() + ":iam::" + context.accountId() + ":root";
    Resource.Builder resource = context.resource(TYPE, rootArn).name(context.accountId());
    ObjectNode attributes = resource.attributes();
    ObjectNode root = object(attributes, "root");

    CallResult<Map<String, Integer>> summary =
        context.call(SUMMARY, () -> iam.getAccountSummary().summaryMapAsStrings());
    if (summary.ok()) {
      Integer mfa = summary.value().get("AccountMFAEnabled");
      Integer keys = summary.value().get("AccountAccessKeysPresent");
      if (mfa != null) {
        root.put("mfaEnabled", mfa == 1);
      }
      if (keys != null) {
        root.put("accessKeysPresent", keys == 1);
      }
    }
    boolean[] virtual = {false};
    boolean listed =
        context.paginate(
            VIRTUAL_MFA,
            token ->
                iam.listVirtualMFADevices(
                    request -> request.assignmentStatus("Assigned").marker(token)),
            page -> Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null,
            (ListVirtualMfaDevicesResponse page) -> {
              for (VirtualMFADevice device : page.virtualMFADevices()) {
                if (device.user() != null && rootArn.equals(device.user().arn())) {
                  virtual[0] = true;
                }
              }
            });
    if (listed) {
      root.put("virtualMfa", virtual[0]);
    }
    CallResult<Map<String, Map<String, String>>> report = AwsIam.credentialReport(context);
    if (report.ok()) {
      Map<String, String> row = report.value().get("<root_account>");
      if (row != null) {
        time(root, "passwordLastUsedAt", AwsIam.reportTime(row.get("password_last_used")));
      }
    } else if (!report.notFound()) {
      context.gap(report, "iam:GetCredentialReport", TYPES);
    }

    CallResult<PasswordPolicy> policy =
        context.call(
            PASSWORD_POLICY.absentWhen("NoSuchEntity"),
            () -> iam.getAccountPasswordPolicy().passwordPolicy());
    ObjectNode passwordPolicy = object(attributes, "passwordPolicy");
    if (policy.notFound()) {
      passwordPolicy.put("exists", false);
    } else if (policy.ok()) {
      PasswordPolicy value = policy.value();
      passwordPolicy.put("exists", true);
      integer(passwordPolicy, "minimumLength", value.minimumPasswordLength());
      bool(passwordPolicy, "requireUppercase", value.requireUppercaseCharacters());
      bool(passwordPolicy, "requireLowercase", value.requireLowercaseCharacters());
      bool(passwordPolicy, "requireNumbers", value.requireNumbers());
      bool(passwordPolicy, "requireSymbols", value.requireSymbols());
      integer(passwordPolicy, "reusePrevention", value.passwordReusePrevention());
      integer(passwordPolicy, "maxAgeDays", value.maxPasswordAge());
    } else {
      attributes.remove("passwordPolicy");
    }

    AccountClient account = context.client(AccountClient.class);
    CallResult<GetAlternateContactResponse> contact =
        context.call(
            CONTACT,
            () ->
                account.getAlternateContact(
                    request -> request.alternateContactType(AlternateContactType.SECURITY)));
    if (contact.notFound()) {
      object(attributes, "securityContact").put("registered", false);
    } else if (contact.ok()) {
      ObjectNode node = object(attributes, "securityContact");
      node.put("registered", contact.value().alternateContact() != null);
      if (contact.value().alternateContact() != null) {
        text(node, "emailAddress", contact.value().alternateContact().emailAddress());
      }
    }

    // Identity Center lives in one region; the home region is where lcscan looks for it
    AwsCollectionContext home = context.inRegion(context.homeRegion());
    SsoAdminClient sso = home.client(SsoAdminClient.class);
    CallResult<ListInstancesResponse> instances =
        context.call(SSO_INSTANCES, () -> sso.listInstances(request -> {}));
    if (instances.ok()) {
      ObjectNode node = object(attributes, "identityCenter");
      boolean enabled = !instances.value().instances().isEmpty();
      node.put("enabled", enabled);
      if (enabled) {
        text(node, "instanceArn", instances.value().instances().get(0).instanceArn());
      }
    }
    context.emit(resource, SOURCES);
  }
}
