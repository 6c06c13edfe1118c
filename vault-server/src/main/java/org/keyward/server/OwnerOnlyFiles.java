package org.keyward.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files whole and with their final mode from the first byte: a temporary file is created
 * with the mode already set, filled, then renamed over the target. A key or token file is thus
 * never readable by others, not even for a moment, and a crash leaves the old file or none.
 */
final class OwnerOnlyFiles {
  static final String SECRET = "rw-------";
  static final String PUBLIC = "rw-r--r--";

  private OwnerOnlyFiles() {}

  /**
   * Replaces {@code target} with {@code content} (UTF-8) at {@code mode}, e.g. {@code rw-------}.
   */
  static void write(Path target, String content, String mode) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp =
        Files.createTempFile(
            dir,
            "." + target.getFileName(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Creates {@code dir} and its parents; a directory it creates gets mode 0700. */
  static void createPrivateDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
  }
}
