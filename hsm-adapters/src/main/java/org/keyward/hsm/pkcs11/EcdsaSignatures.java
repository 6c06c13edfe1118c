package org.keyward.hsm.pkcs11;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/**
 * Converts the raw {@code r || s} signature that CKM_ECDSA returns into the DER {@code
 * SEQUENCE{r,s}} X.509 and the JCA expect, with Bouncy Castle's encoder.
 */
final class EcdsaSignatures {
  private EcdsaSignatures() {}

  /**
   * @param raw {@code r || s}, each exactly {@code fieldBytes} long
   * @throws IllegalArgumentException if {@code raw} is not twice {@code fieldBytes} long
   */
  static byte[] rawToDer(byte[] raw, int fieldBytes) {
    if (raw.length != 2 * fieldBytes) {
      throw new IllegalArgumentException(
          "raw ECDSA signature must be " + 2 * fieldBytes + " bytes, got " + raw.length);
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, fieldBytes));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, fieldBytes, raw.length));
    try {
      return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)})
          .getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding failed", e);
    }
  }
}
