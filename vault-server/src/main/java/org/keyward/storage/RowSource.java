package org.keyward.storage;

import java.io.IOException;

/**
 * The rows that replace a store's contents ({@link Storage#replaceAll}), read one at a time so a
 * large set never sits in memory. Blocking; called on the storage worker doing the replacement.
 * Throwing from {@link #next()} aborts the replacement and leaves the store as it was.
 */
@FunctionalInterface
public interface RowSource {
  /** The next row, or null after the last. */
  StorageEntry next() throws IOException;
}
