package org.keyward.http;

import java.util.List;

/**
 * Finds which mount serves a logical path. The mount table implements it; the pipeline then matches
 * the remainder against that mount's operations.
 */
@FunctionalInterface
public interface OperationLookup {
  /** The mount with the longest path prefix of {@code path}, or null if none serves it. */
  Mounted find(String path);

  /**
   * @param mountPath with trailing slash, e.g. {@code secret/}
   * @param mountType e.g. {@code kv}, reported as {@code mount_type}
   */
  record Mounted(String mountPath, String mountType, List<Operation<?>> operations) {
    public Mounted {
      operations = List.copyOf(operations);
    }
  }
}
