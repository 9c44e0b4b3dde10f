package io.lcscan.provider.aws;

/**
 * Keys of {@link io.lcscan.spi.Scope#credentials()} the AWS provider reads. All are optional;
 * without any, the SDK's default credential and region chains apply.
 */
public final class AwsScopeKeys {
  private AwsScopeKeys() {}

  /** A named profile of {@code ~/.aws/config} ({@code --profile}). */
  public static final String PROFILE = "profile";

  /** A role to assume before anything else ({@code --role-arn}). */
  public static final String ROLE_ARN = "role-arn";

  /** The external id the role's trust policy requires ({@code --external-id}). */
  public static final String EXTERNAL_ID = "external-id";

  /**
   * Scan every ACTIVE account of the organization by assuming this role name in each one ({@code
   * --organization ROLE_NAME}). The caller (after {@link #ROLE_ARN}, if given) must be able to list
   * the organization's accounts.
   */
  public static final String ORGANIZATION_ROLE = "organization-role";

  /** The region for STS, region discovery and Organizations; otherwise the SDK's region chain. */
  public static final String HOME_REGION = "home-region";

  /** Static credentials, for local endpoints (tests, the demo); never needed against AWS. */
  public static final String ACCESS_KEY_ID = "access-key-id";

  public static final String SECRET_ACCESS_KEY = "secret-access-key";
  public static final String SESSION_TOKEN = "session-token";

  /** {@code Scope.regions} value that means every region enabled in each account. */
  public static final String ALL_REGIONS = "all";
}
