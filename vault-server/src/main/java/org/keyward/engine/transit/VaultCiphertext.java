package org.keyward.engine.transit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;

/**
 * Vault's wire form for ciphertexts and signatures, {@code vault:v<N>:<payload>}, so data moves
 * between Keyward and Vault clients. The payload is opaque here (base64 for ciphertexts).
 *
 * @param version the key version that produced it, at least 1
 */
public record VaultCiphertext(int version, String payload) {
  private static final String PREFIX = "vault:v";
  private static final byte[] PREFIX_ASCII = PREFIX.getBytes(StandardCharsets.US_ASCII);
  private static final Pattern FORM =
      Pattern.compile("vault:v([1-9][0-9]{0,9}):(.*)", Pattern.DOTALL);

  public VaultCiphertext {
    if (version < 1 || payload == null) {
      throw new IllegalArgumentException("version must be >= 1 and payload present");
    }
  }

  /** Parses the wire form; 400 {@code invalid ciphertext: ...} naming what is wrong. */
  public static VaultCiphertext parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      throw ApiError.badRequest("invalid ciphertext: no vault:v<N>: prefix");
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw ApiError.badRequest("invalid ciphertext: could not parse version");
    }
    long version = Long.parseLong(m.group(1));
    if (version > Integer.MAX_VALUE) {
      throw ApiError.badRequest("invalid ciphertext: version out of range");
    }
    return new VaultCiphertext((int) version, m.group(2));
  }

  /**
   * The wire form of {@code version} and a binary payload, {@code vault:v<N>:<base64>}, as ASCII
   * bytes: what {@code new VaultCiphertext(version, base64(payload)).toString()} spells, in one
   * array (a 1,000-item batch makes a thousand of these; the prefix String and a separate base64
   * array were two more allocations each).
   */
  static byte[] wireBytes(int version, byte[] payload) {
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1");
    }
    int digits = digits(version);
    int prefix = PREFIX.length() + digits + 1;
    byte[] wire = new byte[prefix + 4 * ((payload.length + 2) / 3)];
    // The JDK encoder writes from index 0 only: encode there, then move the text behind the prefix
    // (System.arraycopy copies overlapping ranges as if through a temporary array).
    int encoded = Base64.getEncoder().encode(payload, wire);
    System.arraycopy(wire, 0, wire, prefix, encoded);
    System.arraycopy(PREFIX_ASCII, 0, wire, 0, PREFIX_ASCII.length);
    for (int i = prefix - 2, v = version; i >= PREFIX.length(); i--, v /= 10) {
      wire[i] = (byte) ('0' + v % 10);
    }
    wire[prefix - 1] = ':';
    return wire;
  }

  private static int digits(int positive) {
    int digits = 1;
    for (int v = positive; v >= 10; v /= 10) {
      digits++;
    }
    return digits;
  }

  @Override
  public String toString() {
    return PREFIX + version + ":" + payload;
  }
}
