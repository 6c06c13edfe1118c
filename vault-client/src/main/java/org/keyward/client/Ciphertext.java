package org.keyward.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transit ciphertext ({@code vault:v<version>:<base64>}) kept opaque: callers store and pass it
 * back, never look inside. Not secret, so {@code toString()} shows it.
 */
public final class Ciphertext {
  private static final Pattern SHAPE = Pattern.compile("vault:v([1-9][0-9]{0,8}):[A-Za-z0-9+/=]+");
  private final String value;
  private final int keyVersion;

  private Ciphertext(String value, int keyVersion) {
    this.value = value;
    this.keyVersion = keyVersion;
  }

  /** Parses a stored ciphertext; fails with {@link IllegalArgumentException} on another shape. */
  public static Ciphertext parse(String value) {
    Matcher m = value == null ? null : SHAPE.matcher(value);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("not a transit ciphertext (vault:v<n>:<base64>)");
    }
    return new Ciphertext(value, Integer.parseInt(m.group(1)));
  }

  /** The version of the transit key that made it (what rewrap raises). */
  public int keyVersion() {
    return keyVersion;
  }

  /** The text to store. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ciphertext c && c.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
