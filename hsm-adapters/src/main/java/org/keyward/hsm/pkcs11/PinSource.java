package org.keyward.hsm.pkcs11;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.keyward.hsm.HsmException;

/**
 * Where the token PIN comes from: an environment variable or a file, never a command-line argument
 * (which any local user can read in the process list). The PIN is read at each {@link #read()} so
 * it is not kept in the configuration object; {@link #toString()} names the source, never the PIN.
 */
public final class PinSource {
  private enum Kind {
    ENVIRONMENT,
    FILE
  }

  private final Kind kind;
  private final String name;

  private PinSource(Kind kind, String name) {
    this.kind = kind;
    this.name = Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("PIN source name must not be blank");
    }
  }

  /** The PIN is the value of the environment variable {@code variable}. */
  public static PinSource environment(String variable) {
    return new PinSource(Kind.ENVIRONMENT, variable);
  }

  /** The PIN is the first line of {@code file} (trailing newline ignored). */
  public static PinSource file(Path file) {
    return new PinSource(Kind.FILE, Objects.requireNonNull(file, "file").toString());
  }

  /**
   * Reads the PIN; the caller should clear the returned array when done.
   *
   * @throws HsmException of kind CONFIGURATION if the variable is unset or the file unreadable
   */
  public char[] read() throws HsmException {
    String value;
    if (kind == Kind.ENVIRONMENT) {
      value = System.getenv(name);
      if (value == null || value.isEmpty()) {
        throw new HsmException(
            HsmException.Kind.CONFIGURATION,
            "PIN environment variable " + name + " is not set or empty");
      }
    } else {
      try {
        String content = Files.readString(Path.of(name), StandardCharsets.UTF_8);
        int end = content.indexOf('\n');
        value = (end < 0 ? content : content.substring(0, end)).strip();
      } catch (IOException e) {
        throw new HsmException(
            HsmException.Kind.CONFIGURATION,
            "PIN file " + name + " cannot be read: " + e.getClass().getSimpleName());
      }
      if (value.isEmpty()) {
        throw new HsmException(HsmException.Kind.CONFIGURATION, "PIN file " + name + " is empty");
      }
    }
    return value.toCharArray();
  }

  @Override
  public String toString() {
    return kind == Kind.ENVIRONMENT ? "env:" + name : "file:" + name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PinSource p && p.kind == kind && p.name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, name);
  }
}
