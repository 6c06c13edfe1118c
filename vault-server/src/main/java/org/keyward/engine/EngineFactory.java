package org.keyward.engine;

/** Makes an engine of one type (the {@code type} given to {@code sys/mounts}). */
public interface EngineFactory {
  /** e.g. {@code kv}, {@code transit}, {@code pki}. */
  String type();

  Engine create(EngineContext context);
}
