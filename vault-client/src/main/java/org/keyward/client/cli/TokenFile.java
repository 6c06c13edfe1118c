package org.keyward.client.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The token {@code login} stores, in a file only its owner may read ({@code ~/.vault-token}). */
final class TokenFile {
  private final Path path;

  TokenFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  Optional<String> read() {
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      String token = Files.readString(path).strip();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  void write(String token) {
    PrivateFiles.write(path, token, true);
  }
}
