package org.keyward.engine;

import java.util.Map;

/**
 * One row of the mount table.
 *
 * @param path with trailing slash, e.g. {@code secret/}
 * @param type the backend type, e.g. {@code kv} or {@code userpass}
 * @param uuid names the mount's storage prefix, so a remount keeps its data apart
 * @param options backend options, e.g. {@code version=2} for kv
 * @param defaultLeaseTtl seconds, 0 for the system default
 * @param maxLeaseTtl seconds, 0 for the system default
 */
public record MountEntry(
    String path,
    String type,
    String uuid,
    String accessor,
    String description,
    Map<String, String> options,
    long defaultLeaseTtl,
    long maxLeaseTtl) {
  public MountEntry {
    options = Map.copyOf(options);
  }
}
