package org.keyward.server;

import java.nio.file.Path;

/** The HA node id when {@code node_id} is not configured, kept in {@code DATA_DIR/node-id}. */
final class NodeId {
  private NodeId() {}

  static String loadOrCreate(Path dataDir) {
    return UuidFile.loadOrCreate(dataDir.resolve("node-id"));
  }
}
