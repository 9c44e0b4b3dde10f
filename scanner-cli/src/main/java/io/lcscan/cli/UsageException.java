package io.lcscan.cli;

/**
 * Bad usage or input, reported as one line per problem on stderr with exit code 2. The message
 * names the file and line when there is one: {@code inventory.json:12:5: problem}.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
