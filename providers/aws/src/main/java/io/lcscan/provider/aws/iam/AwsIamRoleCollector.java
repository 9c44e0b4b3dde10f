package io.lcscan.provider.aws.iam;

import static io.lcscan.provider.aws.AwsAttributes.integer;
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
import io.lcscan.spi.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * IAM roles ({@code aws.iam.role}) with their trust policy. ListRoles gives the session limit;
 * GetAccountAuthorizationDetails gives last use, attached policies and tags in a few calls for
 * every role, instead of three calls per role.
 */
public final class AwsIamRoleCollector implements AwsCollector {
  public static final String TYPE = "aws.iam.role";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec LIST = CallSpec.of("iam", "ListRoles", TYPE);
  private static final List<CallSpec> SOURCES = List.of(LIST, AwsIam.AUTHORIZATION);
  private static final Pattern ACCOUNT = Pattern.compile("^(?:arn:[^:]+:[^:]*:[^:]*:)?(\\d{12})");

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
    List<Role> roles = new ArrayList<>();
    context.paginate(
        LIST,
        token -> iam.listRoles(request -> request.marker(token)),
        page -> Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null,
        (ListRolesResponse page) -> roles.addAll(page.roles()));
    if (roles.isEmpty()) {
      return;
    }
    CallResult<AwsIam.Authorization> authorization = AwsIam.authorization(context);
    context.gap(authorization, "iam:GetAccountAuthorizationDetails", TYPES);
    Map<String, RoleDetail> details = new HashMap<>();
    if (authorization.ok()) {
      authorization.value().roles().forEach(detail -> details.put(detail.arn(), detail));
    }
    for (Role role : roles) {
      Resource.Builder resource = context.resource(TYPE, role.arn()).name(role.roleName());
      ObjectNode attributes = resource.attributes();
      text(attributes, "path", role.path());
      attributes.put(
          "serviceLinked", role.path() != null && role.path().startsWith("/aws-service-role/"));
      time(attributes, "createdAt", role.createDate());
      integer(attributes, "maxSessionDurationSeconds", role.maxSessionDuration());
      trust(attributes, role.assumeRolePolicyDocument());
      RoleDetail detail = details.get(role.arn());
      if (detail != null) {
        if (detail.roleLastUsed() != null) {
          time(attributes, "lastUsedAt", detail.roleLastUsed().lastUsedDate());
        }
        strings(
            attributes,
            "attachedPolicyArns",
            detail.attachedManagedPolicies().stream().map(AttachedPolicy::policyArn).toList());
        resource.tags(AwsAttributes.tags(detail.tags(), Tag::key, Tag::value));
      }
      context.emit(resource, SOURCES);
    }
  }

  /** The Allow statements for sts:AssumeRole*, by kind of principal. */
  static void trust(ObjectNode attributes, String document) {
    Optional<JsonNode> policy = AwsPolicies.parse(document);
    if (policy.isEmpty()) {
      return;
    }
    ObjectNode trust = object(attributes, "trust");
    ArrayNode accounts = trust.putArray("accounts");
    List<String> services = new ArrayList<>();
    List<String> federated = new ArrayList<>();
    for (JsonNode statement : AwsPolicies.statements(policy.get())) {
      if (!AwsPolicies.effectIs(statement, "Allow")
          || !(AwsPolicies.coversAction(statement, "sts:AssumeRole")
              || AwsPolicies.coversAction(statement, "sts:AssumeRoleWithSAML")
              || AwsPolicies.coversAction(statement, "sts:AssumeRoleWithWebIdentity"))) {
        continue;
      }
      JsonNode principal = statement.path("Principal");
      boolean externalId = AwsPolicies.hasConditionKey(statement, "sts:ExternalId");
      List<String> aws =
          principal.isTextual()
              ? AwsPolicies.strings(principal)
              : AwsPolicies.strings(principal.get("AWS"));
      for (String value : aws) {
        ObjectNode entry = accounts.addObject();
        entry.put("principal", value);
        entry.put("accountId", accountOf(value));
        entry.put("externalIdCondition", externalId);
      }
      services.addAll(AwsPolicies.strings(principal.get("Service")));
      federated.addAll(AwsPolicies.strings(principal.get("Federated")));
    }
    strings(trust, "services", services);
    strings(trust, "federated", federated);
  }

  static String accountOf(String principal) {
    if ("*".equals(principal)) {
      return "*";
    }
    Matcher matcher = ACCOUNT.matcher(principal);
    return matcher.find() ? matcher.group(1) : principal;
  }
}
