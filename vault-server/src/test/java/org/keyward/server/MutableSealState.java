package org.keyward.server;

import org.keyward.barrier.SealState;

/** A seal state a test can change between requests. */
final class MutableSealState implements SealState {
  private volatile boolean initialized = true;
  private volatile boolean sealed;

  void set(boolean initialized, boolean sealed) {
    this.initialized = initialized;
    this.sealed = sealed;
  }

  @Override
  public boolean isInitialized() {
    return initialized;
  }

  @Override
  public boolean isSealed() {
    return sealed;
  }
}
