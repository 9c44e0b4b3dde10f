package io.lcscan.provider.common;

/**
 * Turns whatever a provider's SDK threw into a {@link CallFailure}. Providers unwrap their own
 * exception types and fall back to {@link CallErrors}.
 */
@FunctionalInterface
public interface CallErrorClassifier {
  CallFailure classify(Throwable error);

  /** Knows no SDK: only transport failures. */
  static CallErrorClassifier generic() {
    return CallErrors::transport;
  }
}
