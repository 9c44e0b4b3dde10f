package io.lcscan.provider.common;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The answer to one call: a value, NOT_FOUND (the thing is absent or not configured, which is
 * information), or a failure that the runtime has already logged and turned into a coverage gap.
 */
public final class CallResult<T> {
  private final T value;
  private final CallFailure failure;

  private CallResult(T value, CallFailure failure) {
    this.value = value;
    this.failure = failure;
  }

  public static <T> CallResult<T> ok(T value) {
    return new CallResult<>(requireNonNull(value, "value is null"), null);
  }

  public static <T> CallResult<T> failed(CallFailure failure) {
    return new CallResult<>(null, requireNonNull(failure, "failure is null"));
  }

  public boolean ok() {
    return failure == null;
  }

  public boolean notFound() {
    return failure != null && failure.notFound();
  }

  /** A real failure: the attributes it feeds stay absent and a gap was recorded. */
  public boolean failed() {
    return failure != null && !failure.notFound();
  }

  public T value() {
    if (failure != null) {
      throw new IllegalStateException("call did not succeed: " + failure.describe());
    }
    return value;
  }

  public Optional<T> optional() {
    return Optional.ofNullable(value);
  }

  public Optional<CallFailure> failure() {
    return Optional.ofNullable(failure);
  }
}
