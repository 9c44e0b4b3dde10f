package io.lcscan.provider.aws;

import static java.util.Objects.requireNonNull;

import io.lcscan.spi.CollectionSink;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudhsmv2.CloudHsmV2Client;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.inspector2.Inspector2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.endpoints.S3ControlEndpointProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.workspaces.WorkSpacesClient;

/**
 * Builds and caches the SDK clients of one scan: one per service, account and region, all sharing
 * one HTTP connection pool. SDK retries are off, because the collection runtime owns retries and
 * backoff; the SDK's per-attempt timeout equals the runtime's call timeout so a timed-out request
 * is aborted, not left running. With an endpoint override every client talks to that one endpoint.
 */
public final class AwsClientFactory implements AutoCloseable {
  /** The region name under which global services (IAM, Organizations, CloudFront, Route 53) run. */
  public static final String GLOBAL = "global";

  private static final Set<Class<? extends SdkClient>> GLOBAL_SERVICES =
      Set.of(
          IamClient.class, OrganizationsClient.class, CloudFrontClient.class, Route53Client.class);

  private static final Map<Class<? extends SdkClient>, Supplier<? extends AwsClientBuilder<?, ?>>>
      BUILDERS =
          Map.ofEntries(
              Map.entry(StsClient.class, StsClient::builder),
              Map.entry(S3Client.class, S3Client::builder),
              Map.entry(S3ControlClient.class, S3ControlClient::builder),
              Map.entry(Ec2Client.class, Ec2Client::builder),
              Map.entry(IamClient.class, IamClient::builder),
              Map.entry(KmsClient.class, KmsClient::builder),
              Map.entry(CloudTrailClient.class, CloudTrailClient::builder),
              Map.entry(RdsClient.class, RdsClient::builder),
              Map.entry(ConfigClient.class, ConfigClient::builder),
              Map.entry(OrganizationsClient.class, OrganizationsClient::builder),
              Map.entry(GuardDutyClient.class, GuardDutyClient::builder),
              Map.entry(SecurityHubClient.class, SecurityHubClient::builder),
              Map.entry(SsmClient.class, SsmClient::builder),
              Map.entry(BackupClient.class, BackupClient::builder),
              Map.entry(LambdaClient.class, LambdaClient::builder),
              Map.entry(AcmClient.class, AcmClient::builder),
              Map.entry(CloudFrontClient.class, CloudFrontClient::builder),
              Map.entry(Wafv2Client.class, Wafv2Client::builder),
              Map.entry(CloudWatchLogsClient.class, CloudWatchLogsClient::builder),
              Map.entry(CloudWatchClient.class, CloudWatchClient::builder),
              Map.entry(ElasticLoadBalancingV2Client.class, ElasticLoadBalancingV2Client::builder),
              Map.entry(AccessAnalyzerClient.class, AccessAnalyzerClient::builder),
              Map.entry(Inspector2Client.class, Inspector2Client::builder),
              Map.entry(EfsClient.class, EfsClient::builder),
              Map.entry(SecretsManagerClient.class, SecretsManagerClient::builder),
              Map.entry(Route53Client.class, Route53Client::builder),
              Map.entry(WorkSpacesClient.class, WorkSpacesClient::builder),
              Map.entry(CloudHsmV2Client.class, CloudHsmV2Client::builder),
              Map.entry(AccountClient.class, AccountClient::builder),
              Map.entry(SsoAdminClient.class, SsoAdminClient::builder));

  private final AwsProviderConfig config;
  private final URI endpointOverride;
  private final CollectionSink rawSink;
  private final String homeRegion;
  private final SdkHttpClient http;
  private final AtomicLong rawSequence = new AtomicLong();
  private final ConcurrentMap<String, SdkClient> clients = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, List<AutoCloseable>> closeables = new ConcurrentHashMap<>();

  /**
   * @param endpointOverride every client's endpoint, or null for AWS itself
   * @param rawSink receives redacted raw answers, or null to keep none
   */
  public AwsClientFactory(
      AwsProviderConfig config, URI endpointOverride, CollectionSink rawSink, String homeRegion) {
    this.config = requireNonNull(config, "config is null");
    this.endpointOverride = endpointOverride;
    this.rawSink = rawSink;
    this.homeRegion = requireNonNull(homeRegion, "homeRegion is null");
    Duration callTimeout = config.getRuntime().getCallTimeout();
    this.http =
        ApacheHttpClient.builder()
            .maxConnections(Math.max(config.getRuntime().getGlobalConcurrency() * 2, 16))
            .connectionTimeout(config.getConnectTimeout())
            .socketTimeout(callTimeout)
            .connectionAcquisitionTimeout(callTimeout)
            .build();
  }

  public boolean local() {
    return endpointOverride != null;
  }

  public String homeRegion() {
    return homeRegion;
  }

  /**
   * The region global services are signed for in the home region's partition: {@code us-east-1} in
   * the commercial partition.
   */
  public String globalRegion() {
    if (homeRegion.startsWith("cn-")) {
      return "cn-north-1";
    }
    if (homeRegion.startsWith("us-gov-")) {
      return "us-gov-west-1";
    }
    return "us-east-1";
  }

  public static boolean isGlobal(Class<? extends SdkClient> type) {
    return GLOBAL_SERVICES.contains(type);
  }

  /**
   * The client of a service for an account in a region; {@link #GLOBAL} (and any region, for a
   * global service) gives the global endpoint.
   *
   * @param account the cache key of the credentials: an account id, or a label before it is known
   */
  public <C extends SdkClient> C client(
      Class<C> type, AwsCredentialsProvider credentials, String account, String region) {
    String signingRegion = GLOBAL.equals(region) || isGlobal(type) ? globalRegion() : region;
    String label = GLOBAL.equals(region) || isGlobal(type) ? GLOBAL : region;
    String key = account + "/" + signingRegion + "/" + type.getName();
    SdkClient client =
        clients.computeIfAbsent(
            key, ignored -> build(type, credentials, account, signingRegion, label));
    return type.cast(client);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private SdkClient build(
      Class<? extends SdkClient> type,
      AwsCredentialsProvider credentials,
      String account,
      String signingRegion,
      String label) {
    Supplier<? extends AwsClientBuilder<?, ?>> supplier = BUILDERS.get(type);
    if (supplier == null) {
      throw new IllegalArgumentException("no client builder for " + type.getName());
    }
    AwsClientBuilder builder = supplier.get();
    Duration callTimeout = config.getRuntime().getCallTimeout();
    ClientOverrideConfiguration.Builder override =
        ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallAttemptTimeout(callTimeout)
            .apiCallTimeout(callTimeout);
    // STS answers carry credentials: they are never kept, even redacted
    if (rawSink != null && type != StsClient.class) {
      override.addExecutionInterceptor(
          new AwsRawResponseRecorder(rawSink, account, label, rawSequence));
    }
    builder.region(Region.of(signingRegion)).credentialsProvider(credentials);
    builder.overrideConfiguration(override.build());
    ((SdkSyncClientBuilder) builder).httpClient(http);
    if (endpointOverride != null) {
      builder.endpointOverride(endpointOverride);
      if (builder instanceof software.amazon.awssdk.services.s3.S3ClientBuilder s3) {
        s3.forcePathStyle(true);
      }
      if (builder
          instanceof software.amazon.awssdk.services.s3control.S3ControlClientBuilder s3control) {
        // S3 Control prefixes the host with the account id, which a local endpoint cannot serve
        URI url = endpointOverride;
        s3control.endpointProvider(
            params ->
                S3ControlEndpointProvider.defaultProvider()
                    .resolveEndpoint(params)
                    .thenApply(endpoint -> endpoint.toBuilder().url(url).build()));
      }
    }
    return (SdkClient) builder.build();
  }

  /** Credentials from the scope's keys, the profile, or the SDK's default chain. */
  public AwsCredentialsProvider baseCredentials(Map<String, String> keys) {
    String accessKeyId = keys.get(AwsScopeKeys.ACCESS_KEY_ID);
    if (accessKeyId != null) {
      String secret =
          requireNonNull(keys.get(AwsScopeKeys.SECRET_ACCESS_KEY), "secret-access-key is missing");
      String token = keys.get(AwsScopeKeys.SESSION_TOKEN);
      return StaticCredentialsProvider.create(
          token == null
              ? AwsBasicCredentials.create(accessKeyId, secret)
              : AwsSessionCredentials.create(accessKeyId, secret, token));
    }
    String profile = keys.get(AwsScopeKeys.PROFILE);
    if (profile != null) {
      return ProfileCredentialsProvider.builder().profileName(profile).build();
    }
    if (endpointOverride != null) {
      // a local endpoint checks no signature; keep real credentials away from it
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create("lcscan-local", "lcscan-local"));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /**
   * Credentials of a role assumed from {@code source}; they refresh themselves before expiry.
   *
   * @param owner the account whose clients close the provider when that account is done
   */
  public AwsCredentialsProvider assumeRole(
      AwsCredentialsProvider source,
      String sourceLabel,
      String roleArn,
      String externalId,
      String owner) {
    StsClient sts = client(StsClient.class, source, sourceLabel, homeRegion);
    StsAssumeRoleCredentialsProvider provider =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts)
            .asyncCredentialUpdateEnabled(false)
            .refreshRequest(
                request ->
                    request
                        .roleArn(roleArn)
                        .roleSessionName(config.getRoleSessionName())
                        .externalId(externalId)
                        .durationSeconds((int) config.getAssumeRoleDuration().toSeconds()))
            .build();
    closeables.computeIfAbsent(owner, ignored -> new ArrayList<>()).add(provider);
    return provider;
  }

  /** Closes the clients of one account once it has been collected, to bound memory. */
  public void closeAccount(String account) {
    String prefix = account + "/";
    for (String key : List.copyOf(clients.keySet())) {
      if (key.startsWith(prefix)) {
        SdkClient client = clients.remove(key);
        if (client != null) {
          client.close();
        }
      }
    }
    List<AutoCloseable> owned = closeables.remove(account);
    if (owned != null) {
      owned.forEach(AwsClientFactory::closeQuietly);
    }
  }

  @Override
  public void close() {
    clients.values().forEach(SdkClient::close);
    clients.clear();
    closeables.values().forEach(list -> list.forEach(AwsClientFactory::closeQuietly));
    closeables.clear();
    http.close();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // closing releases memory only; nothing to report
    }
  }
}
