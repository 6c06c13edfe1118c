package org.keyward.engine.transit;

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

  @Override
  public String toString() {
    return PREFIX + version + ":" + payload;
  }
}
