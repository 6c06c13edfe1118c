package org.keyward.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The three {@code export VAULT_...=...} lines the dev server prints, and writes to {@code
 * DATA_DIR/dev.env} with mode 0600 (it holds the root token) so scripts can {@code source} it.
 */
record DevEnvFile(String address, Path caCertificate, String rootToken) {
  static final String FILE_NAME = "dev.env";

  /** The lines, values single-quoted for the shell. */
  List<String> lines() {
    return List.of(
        "export VAULT_ADDR=" + shellQuote(address),
        "export VAULT_CACERT=" + shellQuote(caCertificate.toAbsolutePath().toString()),
        "export VAULT_TOKEN=" + shellQuote(rootToken));
  }

  /** Replaces {@code DATA_DIR/dev.env}, created with mode 0600. */
  Path write(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    OwnerOnlyFiles.write(file, String.join("\n", lines()) + "\n", OwnerOnlyFiles.SECRET);
    return file;
  }

  static String shellQuote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  @Override
  public String toString() {
    return "DevEnvFile[" + address + ", " + caCertificate + ", token REDACTED]";
  }
}
