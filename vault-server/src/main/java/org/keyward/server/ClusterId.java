package org.keyward.server;

import java.nio.file.Path;

/** The cluster id {@code sys/health} reports, kept in {@code DATA_DIR/cluster-id}. */
final class ClusterId {
  private ClusterId() {}

  static String loadOrCreate(Path dataDir) {
    return UuidFile.loadOrCreate(dataDir.resolve("cluster-id"));
  }
}
