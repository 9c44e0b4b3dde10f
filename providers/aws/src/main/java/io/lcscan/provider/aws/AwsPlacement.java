package io.lcscan.provider.aws;

/** Where a collector runs. */
public enum AwsPlacement {
  /** Once in each scanned region of each account. */
  REGIONAL,
  /** Once per account against a global service; resources and gaps are in region {@code global}. */
  GLOBAL,
  /**
   * Once per account, emitting into the regions its resources live in (S3 lists every bucket in one
   * call); a listing failure is a gap in every region ({@code *}).
   */
  ACCOUNT
}
