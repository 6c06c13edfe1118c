package org.keyward.engine;

/**
 * Makes a mounted backend of one type (the {@code type} given to {@code sys/mounts} or {@code
 * sys/auth}).
 */
public interface BackendFactory {
  /** e.g. {@code kv}, {@code transit}, {@code pki}, {@code userpass}. */
  String type();

  /** What the mount is shown as when the server mounts it itself (dev mode's default mounts). */
  default String description() {
    return type() + " mount";
  }

  MountedBackend create(BackendContext context);
}
