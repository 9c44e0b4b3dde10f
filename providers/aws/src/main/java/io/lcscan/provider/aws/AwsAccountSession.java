package io.lcscan.provider.aws;

import static java.util.Objects.requireNonNull;

import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * One account being scanned: its credentials and the regions to scan in it.
 *
 * @param partition {@code aws}, {@code aws-cn} or {@code aws-us-gov}, for ARNs
 * @param lookups what collectors of this account share (KMS keys, AWS Backup coverage)
 */
public record AwsAccountSession(
    String accountId,
    AwsCredentialsProvider credentials,
    List<String> regions,
    String partition,
    AwsSharedLookups lookups) {
  public AwsAccountSession {
    requireNonNull(accountId, "accountId is null");
    requireNonNull(credentials, "credentials is null");
    regions = List.copyOf(regions);
    requireNonNull(partition, "partition is null");
    requireNonNull(lookups, "lookups is null");
  }
}
