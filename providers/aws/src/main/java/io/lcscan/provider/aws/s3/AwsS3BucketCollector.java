package io.lcscan.provider.aws.s3;

import static io.lcscan.provider.aws.AwsAttributes.bool;
import static io.lcscan.provider.aws.AwsAttributes.integer;
import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsAttributes;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsEncryption;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.aws.AwsPolicies;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLoggingResponse;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyStatusResponse;
import software.amazon.awssdk.services.s3.model.GetBucketReplicationResponse;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.GetPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3control.model.PublicAccessBlockConfiguration;

/**
 * S3 buckets ({@code aws.s3.bucket}). Lists every bucket once per account, then reads each bucket's
 * settings in the bucket's own region. A setting that is not configured (no policy, no lifecycle)
 * is an answer, not a failure.
 */
public final class AwsS3BucketCollector implements AwsCollector {
  public static final String TYPE = "aws.s3.bucket";
  private static final Set<String> TYPES = Set.of(TYPE);

  private static final CallSpec LIST = CallSpec.of("s3", "ListBuckets", TYPE);
  private static final CallSpec LOCATION = CallSpec.of("s3", "GetBucketLocation", TYPE);
  private static final CallSpec ACCOUNT_BLOCK =
      CallSpec.of("s3control", "GetPublicAccessBlock", TYPE);
  private static final CallSpec ENCRYPTION = CallSpec.of("s3", "GetBucketEncryption", TYPE);
  private static final CallSpec POLICY = CallSpec.of("s3", "GetBucketPolicy", TYPE);
  private static final CallSpec POLICY_STATUS = CallSpec.of("s3", "GetBucketPolicyStatus", TYPE);
  private static final CallSpec BUCKET_BLOCK = CallSpec.of("s3", "GetPublicAccessBlock", TYPE);
  private static final CallSpec VERSIONING = CallSpec.of("s3", "GetBucketVersioning", TYPE);
  private static final CallSpec LIFECYCLE =
      CallSpec.of("s3", "GetBucketLifecycleConfiguration", TYPE);
  private static final CallSpec LOGGING = CallSpec.of("s3", "GetBucketLogging", TYPE);
  private static final CallSpec OBJECT_LOCK = CallSpec.of("s3", "GetObjectLockConfiguration", TYPE);
  private static final CallSpec REPLICATION = CallSpec.of("s3", "GetBucketReplication", TYPE);
  private static final CallSpec TAGGING = CallSpec.of("s3", "GetBucketTagging", TYPE);
  private static final List<CallSpec> SOURCES =
      List.of(
          LIST,
          LOCATION,
          ENCRYPTION,
          POLICY,
          POLICY_STATUS,
          BUCKET_BLOCK,
          ACCOUNT_BLOCK,
          VERSIONING,
          LIFECYCLE,
          LOGGING,
          OBJECT_LOCK,
          REPLICATION,
          TAGGING,
          CallSpec.of("backup", "ListProtectedResources"));

  @Override
  public String service() {
    return "s3";
  }

  @Override
  public Set<String> resourceTypes() {
    return TYPES;
  }

  @Override
  public AwsPlacement placement() {
    return AwsPlacement.ACCOUNT;
  }

  @Override
  public Optional<ServiceMetadata> serviceMetadata() {
    return Optional.of(S3Client.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    S3Client s3 = context.client(S3Client.class);
    List<Bucket> buckets = new ArrayList<>();
    boolean listed =
        context.paginate(
            LIST,
            token -> s3.listBuckets(request -> request.continuationToken(token).maxBuckets(1000)),
            ListBucketsResponse::continuationToken,
            page -> buckets.addAll(page.buckets()));
    if (!listed && buckets.isEmpty()) {
      return;
    }
    Optional<PublicAccessBlockConfiguration> accountBlock = accountBlock(context);
    boolean accountBlockKnown = accountBlock != null;
    Map<String, String> regions = new ConcurrentHashMap<>();
    context.forEach(
        buckets,
        bucket -> {
          String region = bucketRegion(context, s3, bucket.name(), bucket.bucketRegion());
          if (region != null) {
            regions.put(bucket.name(), region);
          }
        });
    context.forEach(
        buckets,
        bucket -> {
          String region = regions.get(bucket.name());
          if (region != null && context.inScope(region)) {
            collectBucket(
                context.inRegion(region), bucket, regions, accountBlockKnown ? accountBlock : null);
          }
        });
  }

  /** Empty: no account-level configuration; null: it could not be read. */
  private static Optional<PublicAccessBlockConfiguration> accountBlock(AwsCollectionContext context)
      throws InterruptedException {
    S3ControlClient control = context.client(S3ControlClient.class);
    CallResult<GetPublicAccessBlockResponse> result =
        context.call(
            ACCOUNT_BLOCK,
            () -> control.getPublicAccessBlock(request -> request.accountId(context.accountId())));
    if (result.notFound()) {
      return Optional.empty();
    }
    return result.ok() ? Optional.of(result.value().publicAccessBlockConfiguration()) : null;
  }

  private static String bucketRegion(
      AwsCollectionContext context, S3Client s3, String bucket, String listed)
      throws InterruptedException {
    if (listed != null && !listed.isEmpty()) {
      return listed;
    }
    CallResult<String> location =
        context.call(
            LOCATION,
            () ->
                String.valueOf(
                    s3.getBucketLocation(request -> request.bucket(bucket))
                        .locationConstraintAsString()));
    if (!location.ok()) {
      return null;
    }
    return regionOfLocation(location.value());
  }

  static String regionOfLocation(String constraint) {
    if (constraint == null || constraint.isEmpty() || constraint.equals("null")) {
      return "us-east-1";
    }
    return constraint.equals("EU") ? "eu-west-1" : constraint;
  }

  private static void collectBucket(
      AwsCollectionContext context,
      Bucket bucket,
      Map<String, String> regions,
      Optional<PublicAccessBlockConfiguration> accountBlock)
      throws Exception {
    String name = bucket.name();
    String arn = "arn:" + context.partition() + ":s3:::" + name;
    S3Client s3 = context.client(S3Client.class);
    Resource.Builder resource = context.resource(TYPE, arn).name(name);
    ObjectNode attributes = resource.attributes();
    text(attributes, "name", name);
    time(attributes, "createdAt", bucket.creationDate());

    CallResult<GetBucketEncryptionResponse> encryption =
        context.call(ENCRYPTION, () -> s3.getBucketEncryption(request -> request.bucket(name)));
    if (encryption.failure().map(f -> "NoSuchBucket".equals(f.errorCode())).orElse(false)) {
      return; // deleted since it was listed
    }
    encryption(context, resource, encryption);
    publicAccess(context, s3, resource, name, accountBlock);
    versioning(context, s3, attributes, name);
    lifecycle(context, s3, attributes, name);
    logging(context, s3, attributes, name);
    objectLock(context, s3, attributes, name);
    replication(context, s3, attributes, name, regions);
    tags(context, s3, resource, name);
    backup(context, attributes, arn);
    context.emit(resource, SOURCES);
  }

  private static void encryption(
      AwsCollectionContext context,
      Resource.Builder resource,
      CallResult<GetBucketEncryptionResponse> result)
      throws InterruptedException {
    if (result.notFound()) {
      AwsEncryption.write(context, resource, false, null, TYPES);
      return;
    }
    if (!result.ok()) {
      return;
    }
    List<ServerSideEncryptionRule> rules =
        result.value().serverSideEncryptionConfiguration().rules();
    ServerSideEncryptionRule rule = rules.isEmpty() ? null : rules.get(0);
    ServerSideEncryptionByDefault byDefault =
        rule == null ? null : rule.applyServerSideEncryptionByDefault();
    if (byDefault == null) {
      AwsEncryption.write(context, resource, false, null, TYPES);
      return;
    }
    ObjectNode block = object(resource.attributes(), "encryption");
    block.put("enabled", true);
    String algorithm = byDefault.sseAlgorithmAsString();
    text(block, "algorithm", algorithm);
    bool(block, "bucketKeyEnabled", rule.bucketKeyEnabled());
    String keyId = byDefault.kmsMasterKeyID();
    if (algorithm == null || !algorithm.startsWith("aws:kms")) {
      block.put("customerManagedKey", false);
    } else if (keyId == null || keyId.isEmpty()) {
      // aws:kms without a key id is the AWS managed key aws/s3
      block.put("customerManagedKey", false);
    } else {
      AwsEncryption.resolve(context, resource, block, keyId, TYPES);
    }
  }

  private static void publicAccess(
      AwsCollectionContext context,
      S3Client s3,
      Resource.Builder resource,
      String name,
      Optional<PublicAccessBlockConfiguration> accountBlock)
      throws InterruptedException {
    ObjectNode publicAccess = object(resource.attributes(), "publicAccess");
    CallResult<software.amazon.awssdk.services.s3.model.GetPublicAccessBlockResponse> bucketBlock =
        context.call(BUCKET_BLOCK, () -> s3.getPublicAccessBlock(request -> request.bucket(name)));
    boolean[] effective = null;
    if (accountBlock != null && (bucketBlock.ok() || bucketBlock.notFound())) {
      effective = new boolean[4];
    }
    if (accountBlock != null && accountBlock.isPresent()) {
      PublicAccessBlockConfiguration account = accountBlock.get();
      boolean[] values = {
        isTrue(account.blockPublicAcls()),
        isTrue(account.ignorePublicAcls()),
        isTrue(account.blockPublicPolicy()),
        isTrue(account.restrictPublicBuckets())
      };
      writeBlock(object(publicAccess, "accountLevel"), values);
      or(effective, values);
    }
    if (bucketBlock.ok()) {
      software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration bucket =
          bucketBlock.value().publicAccessBlockConfiguration();
      boolean[] values = {
        isTrue(bucket.blockPublicAcls()),
        isTrue(bucket.ignorePublicAcls()),
        isTrue(bucket.blockPublicPolicy()),
        isTrue(bucket.restrictPublicBuckets())
      };
      writeBlock(object(publicAccess, "bucketLevel"), values);
      or(effective, values);
    }
    if (effective != null) {
      publicAccess.put("blocked", effective[0] && effective[1] && effective[2] && effective[3]);
    }
    CallResult<GetBucketPolicyStatusResponse> status =
        context.call(
            POLICY_STATUS, () -> s3.getBucketPolicyStatus(request -> request.bucket(name)));
    if (status.notFound()) {
      publicAccess.put("public", false);
    } else if (status.ok()) {
      publicAccess.put("public", isTrue(status.value().policyStatus().isPublic()));
    }
    CallResult<GetBucketPolicyResponse> policy =
        context.call(POLICY, () -> s3.getBucketPolicy(request -> request.bucket(name)));
    ObjectNode tls = object(resource.attributes(), "tls");
    if (policy.notFound()) {
      tls.put("httpsOnly", false);
    } else if (policy.ok()) {
      tls.put("httpsOnly", deniesInsecureTransport(policy.value().policy()));
    } else {
      resource.attributes().remove("tls");
    }
  }

  /** A Deny for everyone on all object reads and writes when aws:SecureTransport is false. */
  static boolean deniesInsecureTransport(String document) {
    Optional<JsonNode> policy = AwsPolicies.parse(document);
    if (policy.isEmpty()) {
      return false;
    }
    for (JsonNode statement : AwsPolicies.statements(policy.get())) {
      if (AwsPolicies.effectIs(statement, "Deny")
          && AwsPolicies.everyone(statement)
          && AwsPolicies.coversAction(statement, "s3:GetObject")
          && AwsPolicies.coversAction(statement, "s3:PutObject")
          && AwsPolicies.condition(statement, "Bool", "aws:SecureTransport").contains("false")) {
        return true;
      }
    }
    return false;
  }

  private static void versioning(
      AwsCollectionContext context, S3Client s3, ObjectNode attributes, String name)
      throws InterruptedException {
    CallResult<GetBucketVersioningResponse> result =
        context.call(VERSIONING, () -> s3.getBucketVersioning(request -> request.bucket(name)));
    if (result.ok()) {
      ObjectNode versioning = object(attributes, "versioning");
      versioning.put("enabled", "Enabled".equals(result.value().statusAsString()));
      versioning.put("mfaDelete", "Enabled".equals(result.value().mfaDeleteAsString()));
    }
  }

  private static void lifecycle(
      AwsCollectionContext context, S3Client s3, ObjectNode attributes, String name)
      throws InterruptedException {
    CallResult<GetBucketLifecycleConfigurationResponse> result =
        context.call(
            LIFECYCLE, () -> s3.getBucketLifecycleConfiguration(request -> request.bucket(name)));
    if (result.notFound()) {
      object(attributes, "lifecycle").put("configured", false);
      return;
    }
    if (!result.ok()) {
      return;
    }
    ObjectNode lifecycle = object(attributes, "lifecycle");
    Integer expiration = null;
    Integer noncurrent = null;
    Integer abort = null;
    boolean configured = false;
    for (LifecycleRule rule : result.value().rules()) {
      if (!"Enabled".equals(rule.statusAsString())) {
        continue;
      }
      configured = true;
      if (rule.expiration() != null) {
        expiration = min(expiration, rule.expiration().days());
      }
      if (rule.noncurrentVersionExpiration() != null) {
        noncurrent = min(noncurrent, rule.noncurrentVersionExpiration().noncurrentDays());
      }
      if (rule.abortIncompleteMultipartUpload() != null) {
        abort = min(abort, rule.abortIncompleteMultipartUpload().daysAfterInitiation());
      }
    }
    lifecycle.put("configured", configured);
    integer(lifecycle, "expirationDays", expiration);
    integer(lifecycle, "noncurrentExpirationDays", noncurrent);
    integer(lifecycle, "abortIncompleteUploadDays", abort);
  }

  private static void logging(
      AwsCollectionContext context, S3Client s3, ObjectNode attributes, String name)
      throws InterruptedException {
    CallResult<GetBucketLoggingResponse> result =
        context.call(LOGGING, () -> s3.getBucketLogging(request -> request.bucket(name)));
    if (result.ok()) {
      ObjectNode logging = object(attributes, "logging");
      boolean enabled = result.value().loggingEnabled() != null;
      logging.put("enabled", enabled);
      if (enabled) {
        text(logging, "targetBucket", result.value().loggingEnabled().targetBucket());
      }
    }
  }

  private static void objectLock(
      AwsCollectionContext context, S3Client s3, ObjectNode attributes, String name)
      throws InterruptedException {
    CallResult<GetObjectLockConfigurationResponse> result =
        context.call(
            OBJECT_LOCK, () -> s3.getObjectLockConfiguration(request -> request.bucket(name)));
    if (result.notFound()) {
      object(attributes, "objectLock").put("enabled", false);
      return;
    }
    if (!result.ok()) {
      return;
    }
    ObjectNode lock = object(attributes, "objectLock");
    ObjectLockConfiguration configuration = result.value().objectLockConfiguration();
    lock.put(
        "enabled",
        configuration != null && "Enabled".equals(configuration.objectLockEnabledAsString()));
    if (configuration != null
        && configuration.rule() != null
        && configuration.rule().defaultRetention() != null) {
      var retention = configuration.rule().defaultRetention();
      text(lock, "mode", retention.modeAsString());
      if (retention.days() != null) {
        lock.put("retentionDays", retention.days());
      } else if (retention.years() != null) {
        lock.put("retentionDays", retention.years() * 365);
      }
    }
  }

  private static void replication(
      AwsCollectionContext context,
      S3Client s3,
      ObjectNode attributes,
      String name,
      Map<String, String> regions)
      throws InterruptedException {
    CallResult<GetBucketReplicationResponse> result =
        context.call(REPLICATION, () -> s3.getBucketReplication(request -> request.bucket(name)));
    if (result.notFound()) {
      object(attributes, "replication").putArray("destinations");
      return;
    }
    if (!result.ok()) {
      return;
    }
    ArrayNode destinations = object(attributes, "replication").putArray("destinations");
    for (ReplicationRule rule : result.value().replicationConfiguration().rules()) {
      if (!"Enabled".equals(rule.statusAsString()) || rule.destination() == null) {
        continue;
      }
      ObjectNode destination = destinations.addObject();
      String target = rule.destination().bucket();
      text(destination, "target", target);
      String targetName = target == null ? null : target.substring(target.lastIndexOf(':') + 1);
      String region = targetName == null ? null : regions.get(targetName);
      if (region == null && targetName != null) {
        region = targetRegion(context, s3, targetName);
      }
      text(destination, "region", region);
      String replicaKey =
          rule.destination().encryptionConfiguration() == null
              ? null
              : rule.destination().encryptionConfiguration().replicaKmsKeyID();
      destination.put("encrypted", replicaKey != null && !replicaKey.isEmpty());
      text(destination, "keyId", replicaKey);
      text(destination, "accountId", rule.destination().account());
    }
  }

  // another account's bucket may refuse to say where it is; the region then stays absent
  private static String targetRegion(AwsCollectionContext context, S3Client s3, String bucket)
      throws InterruptedException {
    CallResult<String> location =
        context.call(
            CallSpec.of("s3", "GetBucketLocation"),
            () ->
                String.valueOf(
                    s3.getBucketLocation(request -> request.bucket(bucket))
                        .locationConstraintAsString()));
    return location.ok() ? regionOfLocation(location.value()) : null;
  }

  private static void tags(
      AwsCollectionContext context, S3Client s3, Resource.Builder resource, String name)
      throws InterruptedException {
    CallResult<GetBucketTaggingResponse> result =
        context.call(TAGGING, () -> s3.getBucketTagging(request -> request.bucket(name)));
    if (result.ok()) {
      resource.tags(
          AwsAttributes.tags(
              result.value().tagSet(),
              software.amazon.awssdk.services.s3.model.Tag::key,
              software.amazon.awssdk.services.s3.model.Tag::value));
    }
  }

  private static void backup(AwsCollectionContext context, ObjectNode attributes, String arn)
      throws InterruptedException {
    CallResult<Map<String, Instant>> protectedResources =
        context.lookups().protectedResources(context);
    if (protectedResources.ok()) {
      object(attributes, "backup").put("awsBackup", protectedResources.value().containsKey(arn));
    } else {
      context.gap(protectedResources, "backup:ListProtectedResources", TYPES);
    }
  }

  private static void writeBlock(ObjectNode node, boolean[] values) {
    node.put("blockPublicAcls", values[0]);
    node.put("ignorePublicAcls", values[1]);
    node.put("blockPublicPolicy", values[2]);
    node.put("restrictPublicBuckets", values[3]);
  }

  private static void or(boolean[] target, boolean[] values) {
    if (target != null) {
      for (int i = 0; i < target.length; i++) {
        target[i] |= values[i];
      }
    }
  }

  private static boolean isTrue(Boolean value) {
    return Boolean.TRUE.equals(value);
  }

  private static Integer min(Integer current, Integer value) {
    if (value == null) {
      return current;
    }
    return current == null ? value : Math.min(current, value);
  }
}
