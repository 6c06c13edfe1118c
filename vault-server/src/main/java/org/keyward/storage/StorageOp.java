package org.keyward.storage;

import java.util.Objects;

/**
 * One step of a {@link Storage#transaction}: write a row, delete a row, or require a row to hold
 * exactly some bytes (or be absent) for the whole transaction to apply.
 */
public sealed interface StorageOp {
  String key();

  static StorageOp put(StorageEntry entry) {
    return new Put(entry);
  }

  static StorageOp delete(String key) {
    return new Delete(StorageKeys.requireValid(key));
  }

  /** Requires the row to hold {@code value}; {@code null} requires it to be absent. */
  static StorageOp expect(String key, byte[] value) {
    return new Expect(StorageKeys.requireValid(key), value == null ? null : value.clone());
  }

  record Put(StorageEntry entry) implements StorageOp {
    public Put {
      Objects.requireNonNull(entry, "entry");
    }

    @Override
    public String key() {
      return entry.key();
    }
  }

  record Delete(String key) implements StorageOp {}

  /** {@code value} is null for "must be absent". */
  record Expect(String key, byte[] value) implements StorageOp {
    @Override
    public byte[] value() {
      return value == null ? null : value.clone();
    }

    @Override
    public String toString() {
      return "Expect[" + key + (value == null ? ", absent]" : ", " + value.length + " bytes]");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Expect e && e.key.equals(key) && java.util.Arrays.equals(e.value, value);
    }

    @Override
    public int hashCode() {
      return key.hashCode() * 31 + java.util.Arrays.hashCode(value);
    }
  }
}
