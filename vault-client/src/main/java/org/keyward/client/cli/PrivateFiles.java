package org.keyward.client.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file whole or not at all: into a sibling temporary file created with its final
 * permissions (0600 for keys and tokens, so there is no moment when others may read it), then moved
 * over the target.
 */
final class PrivateFiles {
  private PrivateFiles() {}

  static void write(Path target, String content, boolean ownerOnly) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attributes(ownerOnly));
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      if (posix()) {
        Files.setPosixFilePermissions(target, permissions(ownerOnly));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static FileAttribute<?>[] attributes(boolean ownerOnly) {
    return posix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions(ownerOnly))}
        : new FileAttribute<?>[0];
  }

  private static Set<PosixFilePermission> permissions(boolean ownerOnly) {
    return PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--");
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static void deleteQuietly(Path tmp) {
    if (tmp == null) {
      return;
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      // The move succeeded or the write failed; a stray temporary file is all that remains.
    }
  }
}
