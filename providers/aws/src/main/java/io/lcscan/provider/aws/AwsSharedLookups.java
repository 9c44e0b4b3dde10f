package io.lcscan.provider.aws;

import io.lcscan.provider.common.CallFailure;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.GapReason;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.ListProtectedResourcesResponse;
import software.amazon.awssdk.services.backup.model.ProtectedResource;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * Lookups several collectors of one account need, made once: KMS key descriptions (to tell customer
 * keys from AWS managed ones) and the resources AWS Backup protects in each region. The memo holds
 * the call's result, so every collector that reads it sees the same answer, and a failure still
 * becomes a gap for each collector's own types.
 */
public final class AwsSharedLookups {
  private final ConcurrentMap<String, CompletableFuture<CallResult<KeyMetadata>>> keys =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, CompletableFuture<CallResult<Map<String, Instant>>>>
      protectedResources = new ConcurrentHashMap<>();

  /**
   * DescribeKey of a key id, key ARN, alias name or alias ARN, in the key's region (from its ARN)
   * or the context's.
   */
  public CallResult<KeyMetadata> key(AwsCollectionContext context, String keyId)
      throws InterruptedException {
    String region = AwsAttributes.arnRegion(keyId);
    AwsCollectionContext where = region == null ? context : context.inRegion(region);
    String memoKey = where.region() + "|" + keyId;
    return memo(
        keys,
        memoKey,
        () -> {
          KmsClient kms = where.client(KmsClient.class);
          return where.call(
              CallSpec.of("kms", "DescribeKey"),
              () -> kms.describeKey(request -> request.keyId(keyId)).keyMetadata());
        });
  }

  /** Resource ARN to LastBackupTime of every resource AWS Backup protects in the region. */
  public CallResult<Map<String, Instant>> protectedResources(AwsCollectionContext context)
      throws InterruptedException {
    return memo(
        protectedResources,
        context.region(),
        () -> {
          BackupClient backup = context.client(BackupClient.class);
          Map<String, Instant> result = new HashMap<>();
          CallSpec spec = CallSpec.of("backup", "ListProtectedResources");
          boolean complete =
              context
                  .calls()
                  .paginate(
                      spec,
                      token -> backup.listProtectedResources(request -> request.nextToken(token)),
                      ListProtectedResourcesResponse::nextToken,
                      page -> {
                        for (ProtectedResource resource : page.results()) {
                          result.put(
                              resource.resourceArn(),
                              resource.lastBackupTime() == null
                                  ? Instant.EPOCH
                                  : resource.lastBackupTime());
                        }
                      });
          if (!complete) {
            return CallResult.failed(
                CallFailure.of(
                    GapReason.ERROR, null, "backup:ListProtectedResources did not complete"));
          }
          return CallResult.ok(Map.copyOf(result));
        });
  }

  private final ConcurrentMap<String, CompletableFuture<CallResult<Object>>> shared =
      new ConcurrentHashMap<>();

  /**
   * Any other lookup that several collectors of the account need (a region's network interfaces),
   * loaded once per key.
   */
  @SuppressWarnings("unchecked")
  public <T> CallResult<T> once(String key, Loader<T> loader) throws InterruptedException {
    return (CallResult<T>) memo(shared, key, () -> (CallResult<Object>) loader.load());
  }

  /** Loads a lookup; its calls go through the collection context. */
  @FunctionalInterface
  public interface Loader<T> {
    CallResult<T> load() throws InterruptedException;
  }

  private static <T> CallResult<T> memo(
      ConcurrentMap<String, CompletableFuture<CallResult<T>>> cache, String key, Loader<T> loader)
      throws InterruptedException {
    CompletableFuture<CallResult<T>> mine = new CompletableFuture<>();
    CompletableFuture<CallResult<T>> existing = cache.putIfAbsent(key, mine);
    if (existing != null) {
      try {
        return existing.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    try {
      CallResult<T> result = loader.load();
      mine.complete(result);
      return result;
    } catch (InterruptedException | RuntimeException e) {
      mine.completeExceptionally(e);
      cache.remove(key, mine);
      throw e;
    }
  }
}
