package io.lcscan.provider.aws;

import static io.lcscan.provider.aws.AwsAttributes.bool;
import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.common.CallResult;
import io.lcscan.spi.Resource;
import java.util.Set;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * The shared {@code encryption} block: enabled, customerManagedKey and keyId, with the key resolved
 * by kms:DescribeKey so that an alias or key id becomes an ARN and AWS managed keys are told apart.
 */
public final class AwsEncryption {
  private AwsEncryption() {}

  public static final String KMS_TYPE = "aws.kms.key";

  /**
   * @param keyId the key as the service reports it (id, ARN, alias), or null when none is named
   * @param types the resource's type, which gets a gap when the account's own key cannot be read
   */
  public static void write(
      AwsCollectionContext context,
      Resource.Builder resource,
      Boolean enabled,
      String keyId,
      Set<String> types)
      throws InterruptedException {
    ObjectNode encryption = object(resource.attributes(), "encryption");
    bool(encryption, "enabled", enabled);
    if (keyId == null || keyId.isEmpty()) {
      if (Boolean.FALSE.equals(enabled)) {
        encryption.put("customerManagedKey", false);
      }
      return;
    }
    resolve(context, resource, encryption, keyId, types);
  }

  /** Fills customerManagedKey and keyId of an existing block from a named key. */
  public static void resolve(
      AwsCollectionContext context,
      Resource.Builder resource,
      ObjectNode encryption,
      String keyId,
      Set<String> types)
      throws InterruptedException {
    if (keyId.startsWith("alias/aws/") || keyId.contains(":alias/aws/")) {
      // an AWS managed key, by name: no need to ask
      encryption.put("customerManagedKey", false);
    }
    CallResult<KeyMetadata> key = context.lookups().key(context, keyId);
    if (key.ok()) {
      KeyMetadata metadata = key.value();
      encryption.put("customerManagedKey", "CUSTOMER".equals(metadata.keyManagerAsString()));
      text(encryption, "keyId", metadata.arn());
      resource.reference("kmsKey", KMS_TYPE, metadata.arn());
      return;
    }
    if (keyId.startsWith("arn:") && keyId.contains(":key/")) {
      text(encryption, "keyId", keyId);
      resource.reference("kmsKey", KMS_TYPE, keyId);
    }
    String owner = AwsAttributes.arnAccount(keyId);
    if (owner == null || owner.equals(context.accountId())) {
      // the account's own key could not be read: the scan is missing something it should see
      context.gap(key, "kms:DescribeKey", types);
    }
  }
}
