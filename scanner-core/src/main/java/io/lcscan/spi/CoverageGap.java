package io.lcscan.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Part of the scope that was not seen. Every control reading {@code resourceType} in this account
 * and region gets ERROR, and the scan is incomplete.
 *
 * @param region the region, or {@code global} for global services; {@code *} covers every region
 * @param resourceType the normalized type that could not be collected
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CoverageGap(
    String provider,
    String account,
    String region,
    String resourceType,
    String service,
    GapReason reason,
    String detail) {

  public CoverageGap {
    requireNonNull(provider, "provider is null");
    requireNonNull(resourceType, "resourceType is null");
    requireNonNull(reason, "reason is null");
    account = account == null ? "" : account;
    region = region == null ? "*" : region;
  }

  /** Whether a resource in this account and region falls inside the gap. */
  public boolean covers(String resourceAccount, String resourceRegion) {
    boolean accountMatches = account.isEmpty() || account.equals(resourceAccount);
    boolean regionMatches = "*".equals(region) || region.equals(resourceRegion);
    return accountMatches && regionMatches;
  }
}
