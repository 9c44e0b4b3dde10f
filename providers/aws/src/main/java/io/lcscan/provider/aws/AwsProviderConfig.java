package io.lcscan.provider.aws;

import static java.util.Objects.requireNonNull;

import io.lcscan.provider.common.CollectionRuntimeConfig;
import java.time.Duration;

/** Settings of the AWS provider. The collection runtime's limits and timings are nested. */
public final class AwsProviderConfig {
  private CollectionRuntimeConfig runtime = new CollectionRuntimeConfig();
  private boolean rawResponses = true;
  private String roleSessionName = "lcscan";
  private Duration assumeRoleDuration = Duration.ofHours(1);
  private Duration connectTimeout = Duration.ofSeconds(5);
  private String defaultRegion = "us-east-1";

  public CollectionRuntimeConfig getRuntime() {
    return runtime;
  }

  public AwsProviderConfig setRuntime(CollectionRuntimeConfig value) {
    this.runtime = requireNonNull(value, "runtime is null");
    return this;
  }

  /** Whether successful answers are kept, redacted, for the evidence bundle. */
  public boolean isRawResponses() {
    return rawResponses;
  }

  public AwsProviderConfig setRawResponses(boolean value) {
    this.rawResponses = value;
    return this;
  }

  /** The session name of assumed roles, as CloudTrail shows it in the audited account. */
  public String getRoleSessionName() {
    return roleSessionName;
  }

  public AwsProviderConfig setRoleSessionName(String value) {
    this.roleSessionName = requireNonNull(value, "roleSessionName is null");
    return this;
  }

  public Duration getAssumeRoleDuration() {
    return assumeRoleDuration;
  }

  public AwsProviderConfig setAssumeRoleDuration(Duration value) {
    this.assumeRoleDuration = requireNonNull(value, "assumeRoleDuration is null");
    return this;
  }

  /** How long opening a connection may take; a closed port fails at once, a black hole here. */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public AwsProviderConfig setConnectTimeout(Duration value) {
    this.connectTimeout = requireNonNull(value, "connectTimeout is null");
    return this;
  }

  /**
   * The home region when neither the scope nor the SDK's region chain (AWS_REGION, the profile)
   * names one: STS, region discovery and Organizations are called there.
   */
  public String getDefaultRegion() {
    return defaultRegion;
  }

  public AwsProviderConfig setDefaultRegion(String value) {
    this.defaultRegion = requireNonNull(value, "defaultRegion is null");
    return this;
  }
}
