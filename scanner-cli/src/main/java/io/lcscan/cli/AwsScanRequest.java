package io.lcscan.cli;

import io.lcscan.spi.Scope;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code lcscan scan aws} (and {@code lcscan demo}) was asked to scan, checked before any call
 * is made. Plain values only: building it loads no AWS SDK class.
 *
 * @param regions region names, or {@code all} (the default) for every region enabled in each
 *     account
 */
record AwsScanRequest(
    String profile,
    String roleArn,
    String externalId,
    String organizationRole,
    List<String> accounts,
    List<String> regions,
    String endpointUrl) {

  // the key names of io.lcscan.provider.aws.AwsScopeKeys, repeated so the class stays unloaded
  static final String PROFILE = "profile";
  static final String ROLE_ARN = "role-arn";
  static final String EXTERNAL_ID = "external-id";
  static final String ORGANIZATION_ROLE = "organization-role";
  static final String ALL_REGIONS = "all";

  private static final Pattern ROLE_ARN_FORMAT =
      Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:role/\\S+");
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@/-]{1,512}");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

  AwsScanRequest {
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
    regions = regions == null ? List.of() : List.copyOf(regions);
  }

  /** A scan of every enabled region behind {@code endpointUrl}, as {@code lcscan demo} runs. */
  static AwsScanRequest ofEndpoint(String endpointUrl) {
    return new AwsScanRequest(null, null, null, null, List.of(), List.of(), endpointUrl);
  }

  /** The scope to collect; a {@link UsageException} names the first option that is wrong. */
  Scope scope() {
    Map<String, String> keys = new HashMap<>();
    if (profile != null) {
      if (profile.isBlank()) {
        throw new UsageException("--profile needs a profile name");
      }
      keys.put(PROFILE, profile);
    }
    if (roleArn != null) {
      if (!ROLE_ARN_FORMAT.matcher(roleArn).matches()) {
        throw new UsageException(
            "--role-arn must be an IAM role ARN such as arn:aws:iam::123456789012:role/lcscan-audit,"
                + " not '"
                + roleArn
                + "'");
      }
      keys.put(ROLE_ARN, roleArn);
    }
    if (externalId != null) {
      if (roleArn == null && organizationRole == null) {
        throw new UsageException("--external-id needs --role-arn or --organization");
      }
      if (externalId.isBlank()) {
        throw new UsageException("--external-id must not be empty");
      }
      keys.put(EXTERNAL_ID, externalId);
    }
    if (organizationRole != null) {
      if (organizationRole.startsWith("arn:") || !ROLE_NAME.matcher(organizationRole).matches()) {
        throw new UsageException(
            "--organization takes the name of the role to assume in each account, such as"
                + " OrganizationAccountAccessRole, not '"
                + organizationRole
                + "'");
      }
      keys.put(ORGANIZATION_ROLE, organizationRole);
    }
    return new Scope(
        "aws", checkedAccounts(), checkedRegions(), List.of(), keys, endpoint().orElse(null));
  }

  private List<String> checkedAccounts() {
    Set<String> result = new LinkedHashSet<>();
    for (String account : accounts) {
      String id = account.strip();
      if (!ACCOUNT_ID.matcher(id).matches()) {
        throw new UsageException("--accounts: '" + account + "' is not a 12-digit account id");
      }
      result.add(id);
    }
    return List.copyOf(result);
  }

  // an empty list is every enabled region, as the provider reads it
  private List<String> checkedRegions() {
    List<String> result = new ArrayList<>();
    for (String region : regions) {
      String name = region.strip().toLowerCase(Locale.ROOT);
      if (name.equals(ALL_REGIONS)) {
        if (regions.size() > 1) {
          throw new UsageException("--regions: 'all' cannot be combined with other regions");
        }
        return List.of();
      }
      if (!REGION.matcher(name).matches()) {
        throw new UsageException(
            "--regions: '" + region + "' is not a region name such as ap-northeast-1, nor 'all'");
      }
      if (!result.contains(name)) {
        result.add(name);
      }
    }
    return result;
  }

  private Optional<URI> endpoint() {
    if (endpointUrl == null) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(endpointUrl);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
          && uri.getQuery() == null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below, in the same words as any other malformed URL
    }
    throw new UsageException(
        "--endpoint-url must be an http or https URL such as http://127.0.0.1:4566, not '"
            + endpointUrl
            + "'");
  }
}
