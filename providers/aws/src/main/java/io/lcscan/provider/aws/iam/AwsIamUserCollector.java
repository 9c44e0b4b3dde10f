package io.lcscan.provider.aws.iam;

import static io.lcscan.provider.aws.AwsAttributes.bool;
import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.strings;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsAttributes;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.aws.AwsPolicies;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.GapReason;
import io.lcscan.spi.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UserDetail;

/**
 * IAM users ({@code aws.iam.user}): the credential report row (console password, MFA), access keys
 * with their last use, and the policies that apply directly and through groups. lcscan never
 * generates the credential report, as that is a write; without one the report's attributes are a
 * gap that says so.
 */
public final class AwsIamUserCollector implements AwsCollector {
  public static final String TYPE = "aws.iam.user";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";
  private static final CallSpec ACCESS_KEYS = CallSpec.of("iam", "ListAccessKeys", TYPE);
  private static final CallSpec KEY_LAST_USED = CallSpec.of("iam", "GetAccessKeyLastUsed", TYPE);
  private static final List<CallSpec> SOURCES =
      List.of(AwsIam.AUTHORIZATION, AwsIam.CREDENTIAL_REPORT, ACCESS_KEYS, KEY_LAST_USED);

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
    CallResult<AwsIam.Authorization> authorization = AwsIam.authorization(context);
    if (!authorization.ok()) {
      context.gap(authorization, "iam:GetAccountAuthorizationDetails", TYPES);
      return;
    }
    List<UserDetail> users = authorization.value().users();
    if (users.isEmpty()) {
      return;
    }
    CallResult<Map<String, Map<String, String>>> report = AwsIam.credentialReport(context);
    if (report.notFound()) {
      context
          .calls()
          .gap(
              TYPES,
              "iam",
              GapReason.ERROR,
              "iam:GetCredentialReport: no current credential report ("
                  + report.failure().map(f -> f.errorCode()).orElse("")
                  + "); generate one (aws iam generate-credential-report) before the scan, as"
                  + " lcscan makes no write calls");
    } else {
      context.gap(report, "iam:GetCredentialReport", TYPES);
    }
    Map<String, GroupDetail> groups = new HashMap<>();
    authorization.value().groups().forEach(group -> groups.put(group.groupName(), group));
    Map<String, ManagedPolicyDetail> localPolicies = new HashMap<>();
    authorization.value().policies().forEach(policy -> localPolicies.put(policy.arn(), policy));
    IamClient iam = context.client(IamClient.class);
    context.forEach(
        users,
        user -> {
          Resource.Builder resource = context.resource(TYPE, user.arn()).name(user.userName());
          resource.tags(AwsAttributes.tags(user.tags(), Tag::key, Tag::value));
          ObjectNode attributes = resource.attributes();
          time(attributes, "createdAt", user.createDate());
          if (report.ok()) {
            Map<String, String> row = report.value().get(user.userName());
            if (row != null) {
              bool(
                  attributes, "passwordEnabled", AwsIam.reportBoolean(row.get("password_enabled")));
              time(
                  attributes,
                  "passwordLastUsedAt",
                  AwsIam.reportTime(row.get("password_last_used")));
              bool(attributes, "mfaActive", AwsIam.reportBoolean(row.get("mfa_active")));
            }
          }
          accessKeys(context, iam, user.userName(), attributes);
          policies(attributes, user, groups, localPolicies);
          context.emit(resource, SOURCES);
        });
  }

  private static void accessKeys(
      AwsCollectionContext context, IamClient iam, String userName, ObjectNode attributes)
      throws InterruptedException {
    List<AccessKeyMetadata> keys = new ArrayList<>();
    boolean complete =
        context.paginate(
            ACCESS_KEYS,
            token -> iam.listAccessKeys(request -> request.userName(userName).marker(token)),
            page -> Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null,
            (ListAccessKeysResponse page) -> keys.addAll(page.accessKeyMetadata()));
    if (!complete) {
      return;
    }
    ArrayNode list = attributes.putArray("accessKeys");
    for (AccessKeyMetadata key : keys) {
      ObjectNode node = list.addObject();
      text(node, "id", key.accessKeyId());
      text(node, "status", key.statusAsString());
      time(node, "createdAt", key.createDate());
      CallResult<GetAccessKeyLastUsedResponse> lastUsed =
          context.call(
              KEY_LAST_USED,
              () -> iam.getAccessKeyLastUsed(request -> request.accessKeyId(key.accessKeyId())));
      if (lastUsed.ok() && lastUsed.value().accessKeyLastUsed() != null) {
        time(node, "lastUsedAt", lastUsed.value().accessKeyLastUsed().lastUsedDate());
      }
    }
  }

  private static void policies(
      ObjectNode attributes,
      UserDetail user,
      Map<String, GroupDetail> groups,
      Map<String, ManagedPolicyDetail> localPolicies) {
    ObjectNode policies = object(attributes, "policies");
    Set<String> attached = new LinkedHashSet<>();
    List<String> documents = new ArrayList<>();
    user.attachedManagedPolicies().stream().map(AttachedPolicy::policyArn).forEach(attached::add);
    user.userPolicyList().stream().map(PolicyDetail::policyDocument).forEach(documents::add);
    for (String groupName : user.groupList()) {
      GroupDetail group = groups.get(groupName);
      if (group != null) {
        group.attachedManagedPolicies().stream()
            .map(AttachedPolicy::policyArn)
            .forEach(attached::add);
        group.groupPolicyList().stream().map(PolicyDetail::policyDocument).forEach(documents::add);
      }
    }
    for (String arn : attached) {
      ManagedPolicyDetail local = localPolicies.get(arn);
      if (local != null) {
        local.policyVersionList().stream()
            .filter(version -> Boolean.TRUE.equals(version.isDefaultVersion()))
            .map(PolicyVersion::document)
            .forEach(documents::add);
      }
    }
    strings(policies, "attachedArns", attached);
    strings(policies, "groups", user.groupList());
    boolean admin = attached.contains(ADMINISTRATOR_ACCESS);
    for (String document : documents) {
      admin |= allowsEverything(document);
    }
    policies.put("fullAdmin", admin);
  }

  /** An Allow of Action * on Resource *. */
  static boolean allowsEverything(String document) {
    Optional<JsonNode> policy = AwsPolicies.parse(document);
    if (policy.isEmpty()) {
      return false;
    }
    for (JsonNode statement : AwsPolicies.statements(policy.get())) {
      if (AwsPolicies.effectIs(statement, "Allow")
          && AwsPolicies.strings(statement.get("Action")).contains("*")
          && AwsPolicies.strings(statement.get("Resource")).contains("*")) {
        return true;
      }
    }
    return false;
  }
}
