package org.keyward.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.keyward.http.ApiError;

/**
 * The one directory, set in server configuration, inside which file audit devices may write.
 * CVE-2025-6000 let an API caller point Vault's file device anywhere (the plugin directory: RCE);
 * here a {@code file_path} from the API is resolved against this directory and refused unless it
 * stays inside it: no {@code ..} segment, no absolute path elsewhere, no symbolic link anywhere on
 * the way (checked on the real path of the parent, and the file itself is opened without following
 * links). Blocking file-system checks: call on a worker.
 */
public final class AuditDirectory {
  private final Path root;

  /** {@code root} must exist; it is resolved to its real path once, here. */
  public AuditDirectory(Path root) throws IOException {
    this.root = root.toRealPath();
    if (!Files.isDirectory(this.root)) {
      throw new IOException("audit directory is not a directory: " + root);
    }
  }

  public Path root() {
    return root;
  }

  /**
   * The file for {@code filePath} (relative to the audit directory, or absolute inside it),
   * creating missing sub-directories inside it.
   *
   * @throws ApiError 400 naming the rule the path broke
   */
  public Path resolve(String filePath) {
    if (filePath == null || filePath.isBlank()) {
      throw ApiError.badRequest("file_path is required");
    }
    Path given;
    try {
      given = Path.of(filePath);
    } catch (InvalidPathException e) {
      throw ApiError.badRequest("file_path is not a valid path");
    }
    for (Path part : given) {
      if (part.toString().equals("..")) {
        throw ApiError.badRequest("file_path must not contain '..'");
      }
    }
    Path file = (given.isAbsolute() ? given : root.resolve(given)).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw ApiError.badRequest("file_path must be inside the audit directory " + root);
    }
    try {
      Path parent = file.getParent();
      checkNoLinks(parent);
      Files.createDirectories(parent);
      if (!parent.toRealPath().startsWith(root)) {
        throw ApiError.badRequest("file_path must not lead out of the audit directory");
      }
      if (Files.isSymbolicLink(file)) {
        throw ApiError.badRequest("file_path must not be a symbolic link");
      }
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
          && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw ApiError.badRequest("file_path must be a regular file");
      }
    } catch (IOException e) {
      throw ApiError.badRequest("file_path cannot be created in the audit directory");
    }
    return file;
  }

  /** Refuses a link in any existing component between the root and {@code dir}. */
  private void checkNoLinks(Path dir) {
    Path current = root;
    for (Path part : root.relativize(dir)) {
      current = current.resolve(part);
      if (Files.isSymbolicLink(current)) {
        throw ApiError.badRequest("file_path must not pass through a symbolic link");
      }
    }
  }
}
