package org.keyward.storage;

import java.io.IOException;
import java.util.Optional;

/**
 * Every row of a store as of one point in time, valid only inside the {@link
 * Storage#readConsistent} call that handed it out: writes committed after that point are not seen,
 * however long the reading takes. Blocking; used on the storage worker that runs the read.
 */
public interface StoredRows {
  /** How many rows the point in time holds. */
  long count();

  /** The value of {@code key} at that point, if present. */
  Optional<byte[]> get(String key);

  /** Hands every row to {@code consumer} in ascending key order (by code point). */
  void forEach(RowConsumer consumer) throws IOException;

  /** Receives rows one by one; may throw to stop the walk. */
  @FunctionalInterface
  interface RowConsumer {
    void accept(String key, byte[] value) throws IOException;
  }

  /** Work on a consistent read: runs on a storage worker and may block (file writes). */
  @FunctionalInterface
  interface Work<T> {
    T run(StoredRows rows) throws IOException;
  }
}
