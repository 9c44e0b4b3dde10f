package io.lcscan.report;

/** A report that cannot be produced as asked, such as an unknown format. */
public final class ReportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReportException(String message) {
    super(message);
  }
}
