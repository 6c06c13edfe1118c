package org.keyward.storage.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.keyward.storage.StorageException;

/**
 * Where the PostgreSQL password comes from: nowhere (trust or certificate auth), an environment
 * variable, or a file (e.g. a mounted secret). Never a command-line argument, which other users
 * could read from the process table. The password is read at each connect, so a rotated file takes
 * effect on the next connection, and is never held by this object or shown by {@code toString()}.
 */
public sealed interface PasswordSource {
  /** The password, read now; empty when none is configured. */
  Optional<String> read();

  static PasswordSource none() {
    return new None();
  }

  static PasswordSource environment(String variable) {
    return new Environment(variable);
  }

  static PasswordSource file(Path path) {
    return new File(path);
  }

  /** No password: the server authenticates by other means. */
  record None() implements PasswordSource {
    @Override
    public Optional<String> read() {
      return Optional.empty();
    }
  }

  /** The value of an environment variable; unset or empty fails the connect. */
  record Environment(String variable) implements PasswordSource {
    public Environment {
      if (variable == null || variable.isBlank()) {
        throw new IllegalArgumentException("password environment variable name is empty");
      }
    }

    @Override
    public Optional<String> read() {
      String value = System.getenv(variable);
      if (value == null || value.isEmpty()) {
        throw new StorageException(
            "environment variable '" + variable + "' with the PostgreSQL password is not set");
      }
      return Optional.of(value);
    }
  }

  /** The first line of a file (a trailing newline is not part of the password). */
  record File(Path path) implements PasswordSource {
    public File {
      Objects.requireNonNull(path, "password file");
    }

    @Override
    public Optional<String> read() {
      try {
        String content = Files.readString(path, StandardCharsets.UTF_8);
        int end = content.indexOf('\n');
        String line = (end < 0 ? content : content.substring(0, end)).replace("\r", "");
        if (line.isEmpty()) {
          throw new StorageException("PostgreSQL password file '" + path + "' is empty");
        }
        return Optional.of(line);
      } catch (IOException e) {
        throw new StorageException("reading the PostgreSQL password file '" + path + "' failed", e);
      }
    }
  }
}
