package io.lcscan.spi;

/** How one API call ended. */
public enum CallOutcome {
  OK,
  DENIED,
  THROTTLED,
  TIMEOUT,
  NOT_FOUND,
  ERROR
}
