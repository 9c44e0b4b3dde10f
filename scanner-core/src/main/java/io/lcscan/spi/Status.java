package io.lcscan.spi;

/** The outcome of one control on one resource (or one scope, for gaps and manual controls). */
public enum Status {
  PASS,
  FAIL,
  /** The data needed to decide was missing or could not be evaluated. Never read as a pass. */
  ERROR,
  NOT_APPLICABLE,
  WAIVED,
  /** A procedure that no configuration can show; the auditor attaches the evidence. */
  MANUAL
}
