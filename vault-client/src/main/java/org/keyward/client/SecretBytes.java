package org.keyward.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Secret binary data (a transit plaintext, a data key) redacted in {@code toString()}; the bytes
 * leave only through {@link #reveal()}, always as a copy. Immutable and thread-safe.
 */
public final class SecretBytes {
  private final byte[] bytes;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code bytes}. */
  public static SecretBytes of(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /** Wraps the UTF-8 bytes of {@code text}. */
  public static SecretBytes ofUtf8(String text) {
    return new SecretBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  static SecretBytes fromBase64(String base64) {
    return new SecretBytes(Base64.getDecoder().decode(base64));
  }

  /** A copy of the secret bytes. */
  public byte[] reveal() {
    return bytes.clone();
  }

  /** The secret bytes read as UTF-8 text. */
  public SecretString revealUtf8() {
    return SecretString.of(new String(bytes, StandardCharsets.UTF_8));
  }

  String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes, REDACTED]";
  }
}
