package org.keyward.engine;

/** Makes an engine of one type (the {@code type} given to {@code sys/mounts}). */
public interface EngineFactory {
  /** e.g. {@code kv}, {@code transit}, {@code pki}. */
  String type();

  /** What the mount is shown as when the server mounts it itself (dev mode's default mounts). */
  default String description() {
    return type() + " mount";
  }

  Engine create(EngineContext context);
}
