package org.keyward.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A UUID made on first start and kept in one file of the data directory, so it stays the same
 * across restarts (the cluster id, an HA node id). Blocking file I/O, at start-up only.
 */
final class UuidFile {
  private UuidFile() {}

  static String loadOrCreate(Path file) {
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
