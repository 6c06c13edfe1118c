package org.keyward.barrier;

import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The operator's recovery key: a private HPKE keyset that opens {@code core/recovery-keyring}.
 * Returned once by init; never stored, logged or printed ({@link #toString()} is redacted).
 */
public final class RecoveryKey {
  private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");
  private static final int MAX_LENGTH = 4096;

  private final byte[] keyset;

  RecoveryKey(byte[] keyset) {
    this.keyset = keyset.clone();
  }

  /** Parses the hex ({@code recovery_keys}) or base64 ({@code recovery_keys_base64}) form. */
  public static RecoveryKey parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      throw new BarrierRefusalException("field 'recovery_key' must be a recovery key");
    }
    try {
      byte[] bytes =
          HEX.matcher(text).matches()
              ? HexFormat.of().parseHex(text)
              : Base64.getDecoder().decode(text);
      return new RecoveryKey(bytes);
    } catch (IllegalArgumentException e) {
      throw new BarrierRefusalException("field 'recovery_key' must be hex or base64");
    }
  }

  byte[] keyset() {
    return keyset.clone();
  }

  public String revealBase64() {
    return Base64.getEncoder().encodeToString(keyset);
  }

  public String revealHex() {
    return HexFormat.of().formatHex(keyset);
  }

  @Override
  public String toString() {
    return "RecoveryKey[REDACTED]";
  }
}
