package org.keyward.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A secret text (token, secret id, KV value) whose {@code toString()} never shows it, so that it
 * cannot reach a log or an exception message by accident. The text leaves only through {@link
 * #reveal()}, which grep finds. Immutable and thread-safe.
 */
public final class SecretString {
  private final char[] chars;

  private SecretString(char[] chars) {
    this.chars = chars;
  }

  /** Wraps {@code value}; fails on null. */
  public static SecretString of(String value) {
    if (value == null) {
      throw new IllegalArgumentException("secret must not be null");
    }
    return new SecretString(value.toCharArray());
  }

  /** Wraps a copy of {@code value}. */
  public static SecretString of(char[] value) {
    return new SecretString(value.clone());
  }

  /** The secret text. Call it only where the secret has to leave (a header, a request body). */
  public String reveal() {
    return new String(chars);
  }

  /** The secret as UTF-8 bytes (a fresh copy). */
  public byte[] revealBytes() {
    return reveal().getBytes(StandardCharsets.UTF_8);
  }

  public boolean isEmpty() {
    return chars.length == 0;
  }

  /** Constant-time comparison, so that equality checks leak no prefix length. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SecretString s && MessageDigest.isEqual(revealBytes(), s.revealBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new byte[] {(byte) chars.length});
  }

  @Override
  public String toString() {
    return "SecretString[REDACTED]";
  }
}
