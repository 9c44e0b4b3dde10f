package io.lcscan.catalog;

import dev.cel.runtime.CelEvaluationException;
import java.util.Optional;

/**
 * The cause of the evaluation error that {@code error(message)} raises inside a rule, and that the
 * engine's functions raise when a rule needs data the inventory lacks: the finding is ERROR with
 * exactly this message.
 */
public final class RuleError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private RuleError(String message) {
    super(message, null, false, false);
  }

  /** An evaluation error whose finding message is {@code message}, as it is. */
  public static CelEvaluationException raise(String message) {
    return new CelEvaluationException(message, new RuleError(message));
  }

  /** The message of the {@link RuleError} that caused {@code failure}, if one did. */
  public static Optional<String> find(Throwable failure) {
    int depth = 0;
    for (Throwable cause = failure; cause != null && depth < 16; cause = cause.getCause()) {
      if (cause instanceof RuleError error) {
        return Optional.of(error.getMessage());
      }
      depth++;
    }
    return Optional.empty();
  }
}
