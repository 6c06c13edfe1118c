package org.keyward.hsm.software;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.keyward.hsm.HsmException;

/**
 * The plain files behind {@link InsecureSoftwareKeyProvider}: one file per key version, named
 * {@code <label>.<kind>}, created with mode 0600 in a directory of mode 0700. Writes go to a
 * temporary file that is moved in place, so a crash never leaves half a key.
 */
final class InsecureKeyFiles {
  static final String KEK = "kek.json";
  static final String SIGNING = "signing";

  private final Path directory;

  InsecureKeyFiles(Path directory) throws HsmException {
    this.directory = directory;
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(
            directory,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException e) {
      throw new HsmException(
          HsmException.Kind.CONFIGURATION, "cannot create key directory " + directory, e);
    }
  }

  Path directory() {
    return directory;
  }

  Optional<String> read(String label, String kind) throws HsmException {
    Path file = directory.resolve(label + "." + kind);
    try {
      return Files.exists(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      throw new HsmException(HsmException.Kind.UNAVAILABLE, "cannot read key file " + file, e);
    }
  }

  /** Writes a new key file; fails if one exists (keys are never overwritten). */
  void create(String label, String kind, String content) throws HsmException {
    Path file = directory.resolve(label + "." + kind);
    Path temp = directory.resolve("." + label + "." + kind + ".tmp");
    try {
      Files.deleteIfExists(temp);
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, content, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(file.toString());
      }
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new HsmException(HsmException.Kind.FAILED, "cannot write key file " + file, e);
    }
  }

  /** Deletes every file of {@code label}. */
  void delete(String label) throws HsmException {
    for (String kind : List.of(KEK, SIGNING)) {
      Path file = directory.resolve(label + "." + kind);
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new HsmException(HsmException.Kind.FAILED, "cannot delete key file " + file, e);
      }
    }
  }

  /** Labels of all key files present. */
  List<String> labels() throws HsmException {
    List<String> labels = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        for (String kind : List.of(KEK, SIGNING)) {
          if (name.endsWith("." + kind) && !name.startsWith(".")) {
            labels.add(name.substring(0, name.length() - kind.length() - 1));
          }
        }
      }
    } catch (IOException e) {
      throw new HsmException(HsmException.Kind.UNAVAILABLE, "cannot list " + directory, e);
    }
    return labels;
  }
}
