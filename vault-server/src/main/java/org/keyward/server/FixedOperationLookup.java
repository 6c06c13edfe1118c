package org.keyward.server;

import java.util.Comparator;
import java.util.List;
import org.keyward.http.OperationLookup;

/**
 * An {@link OperationLookup} over mounts fixed at start-up (for now only {@code sys/}). The mount
 * table replaces it once mounts can be added at run time. Immutable, so safe on any thread.
 */
public final class FixedOperationLookup implements OperationLookup {
  private final List<Mounted> mounts;

  public FixedOperationLookup(List<Mounted> mounts) {
    for (Mounted m : mounts) {
      if (!m.mountPath().endsWith("/")) {
        throw new IllegalArgumentException("mount path must end with '/': " + m.mountPath());
      }
    }
    // Longest first, so the first prefix that matches is the longest.
    this.mounts =
        mounts.stream()
            .sorted(Comparator.comparingInt((Mounted m) -> m.mountPath().length()).reversed())
            .toList();
  }

  @Override
  public Mounted find(String path) {
    for (Mounted m : mounts) {
      String mount = m.mountPath();
      if (path.startsWith(mount) || path.equals(mount.substring(0, mount.length() - 1))) {
        return m;
      }
    }
    return null;
  }
}
