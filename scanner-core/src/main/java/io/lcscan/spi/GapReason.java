package io.lcscan.spi;

/** Why part of a scope could not be collected. */
public enum GapReason {
  ACCESS_DENIED,
  THROTTLED,
  TIMEOUT,
  UNREACHABLE,
  MALFORMED_RESPONSE,
  ERROR,
  /** The source cannot describe this type at all, for example a plan for a live-only setting. */
  UNSUPPORTED
}
