package org.keyward.engine.pki;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;

/**
 * Certificate serial numbers: random 128-bit positive integers (RFC 5280 allows 20 octets; CA/B
 * Forum asks for 64 bits of entropy), shown as Vault shows them ({@code 1f:a2:...}) and stored
 * under the hyphenated form ({@code 1f-a2-...}).
 */
final class SerialNumbers {
  private static final Pattern SERIAL = Pattern.compile("[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){0,19}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private SerialNumbers() {}

  static BigInteger random() {
    BigInteger serial;
    do {
      serial = new BigInteger(128, RANDOM);
    } while (serial.signum() == 0);
    return serial;
  }

  /** Vault's form: lowercase hex octets joined by colons, without a leading zero octet. */
  static String colon(BigInteger serial) {
    return hexOctets(serial, ':');
  }

  /** The storage key form, hyphen-joined (colons are kept out of storage keys, as Vault does). */
  static String storageKey(BigInteger serial) {
    return hexOctets(serial, '-');
  }

  /** Parses colon or hyphen hex as Vault accepts it; 400 naming the field otherwise. */
  static BigInteger parse(String text, String field) {
    if (text == null || !SERIAL.matcher(text.trim()).matches()) {
      throw ApiError.badRequest(
          "field '" + field + "' must be a serial number in colon or hyphen hex");
    }
    return new BigInteger(text.trim().replaceAll("[:-]", ""), 16);
  }

  private static String hexOctets(BigInteger serial, char separator) {
    byte[] bytes = serial.toByteArray();
    int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    String hex = HexFormat.of().formatHex(bytes, start, bytes.length).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(hex.length() * 3 / 2);
    for (int i = 0; i < hex.length(); i += 2) {
      if (i > 0) {
        out.append(separator);
      }
      out.append(hex, i, i + 2);
    }
    return out.toString();
  }
}
