package org.keyward.hsm;

import java.util.regex.Pattern;

/**
 * Names one version of a key inside the HSM. The token label is {@code name-vN}, so a rotation adds
 * {@code kek-v2} beside {@code kek-v1} and both stay addressable until an operator removes the old
 * one.
 */
public record KeyRef(String name, int version) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,47}");

  public KeyRef {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("key name must match " + NAME.pattern());
    }
    if (version < 1) {
      throw new IllegalArgumentException("key version must be >= 1");
    }
  }

  /** The CKA_LABEL of this key version in the token. */
  public String label() {
    return name + "-v" + version;
  }

  public KeyRef next() {
    return new KeyRef(name, version + 1);
  }

  @Override
  public String toString() {
    return label();
  }
}
