package org.keyward.storage;

import java.util.Arrays;
import java.util.Objects;

/**
 * One stored row: a key and its opaque value bytes (already encrypted by the barrier). The value
 * array is copied in and out.
 */
public final class StorageEntry {
  private final String key;
  private final byte[] value;

  public StorageEntry(String key, byte[] value) {
    this.key = StorageKeys.requireValid(key);
    this.value = Objects.requireNonNull(value, "value").clone();
  }

  public String key() {
    return key;
  }

  public byte[] value() {
    return value.clone();
  }

  public int size() {
    return value.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StorageEntry e && e.key.equals(key) && Arrays.equals(e.value, value);
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "StorageEntry[" + key + ", " + value.length + " bytes]";
  }
}
