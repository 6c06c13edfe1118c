package org.keyward.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The HA node id when node_id is not configured: a UUID made on first start and kept in {@code
 * DATA_DIR/node-id}, so it stays the same across restarts. Blocking file I/O, at start-up only.
 */
final class NodeId {
  private NodeId() {}

  static String loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve("node-id");
    try {
      if (Files.isRegularFile(file)) {
        String existing = Files.readString(file, StandardCharsets.US_ASCII).trim();
        return UUID.fromString(existing).toString();
      }
      String made = UUID.randomUUID().toString();
      OwnerOnlyFiles.write(file, made + "\n", OwnerOnlyFiles.PUBLIC);
      return made;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + " does not hold a UUID; remove it to make a new one");
    }
  }
}
