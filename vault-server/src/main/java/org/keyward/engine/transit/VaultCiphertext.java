package org.keyward.engine.transit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
   * bytes: what {@code new VaultCiphertext(version, base64(payload)).toString()} spells, without
   * the intermediate Strings.
   */
  static byte[] wireBytes(int version, byte[] payload) {
    byte[] prefix = (PREFIX + version + ":").getBytes(StandardCharsets.US_ASCII);
    byte[] base64 = Base64.getEncoder().encode(payload);
    byte[] wire = Arrays.copyOf(prefix, prefix.length + base64.length);
    System.arraycopy(base64, 0, wire, prefix.length, base64.length);
    return wire;
  }

  @Override
  public String toString() {
    return PREFIX + version + ":" + payload;
  }
}
