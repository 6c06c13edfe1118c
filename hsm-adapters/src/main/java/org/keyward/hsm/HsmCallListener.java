package org.keyward.hsm;

/**
 * Told about every call into the HSM, so the server can count and time them (the hot paths prove
 * they make none with this). Must be cheap and thread-safe; it runs on the calling thread.
 */
@FunctionalInterface
public interface HsmCallListener {
  HsmCallListener NONE = (operation, nanos, success) -> {};

  /**
   * @param operation a stable, low-cardinality name: {@code encrypt}, {@code decrypt}, {@code
   *     sign}, {@code wrap}, {@code unwrap}, {@code generate}, {@code find}, {@code destroy},
   *     {@code login}, {@code ping}
   */
  void onCall(String operation, long nanos, boolean success);
}
