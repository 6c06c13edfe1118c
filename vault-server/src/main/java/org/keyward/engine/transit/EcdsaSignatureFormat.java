package org.keyward.engine.transit;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/**
 * ECDSA P-256 signature encodings, parsed and written with Bouncy Castle's ASN.1: strict DER (the
 * JDK's verifier accepts BER quirks such as a negative {@code s}, which Wycheproof flags) and JWS's
 * fixed-width {@code r || s}. Verification always runs on canonical DER, so both encodings get the
 * same checks.
 */
final class EcdsaSignatureFormat {
  private static final int SCALAR_BYTES = 32;

  private EcdsaSignatureFormat() {}

  /** True when {@code der} is exactly the DER of a SEQUENCE of two positive INTEGERs. */
  static boolean isStrictDer(byte[] der) {
    try {
      ASN1Primitive parsed = ASN1Primitive.fromByteArray(der);
      if (!(parsed instanceof ASN1Sequence seq) || seq.size() != 2) {
        return false;
      }
      for (int i = 0; i < 2; i++) {
        if (!(seq.getObjectAt(i) instanceof ASN1Integer n) || n.getValue().signum() <= 0) {
          return false;
        }
      }
      return Arrays.equals(parsed.getEncoded(ASN1Encoding.DER), der);
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /** DER for a JWS {@code r || s}; null when the length is wrong. */
  static byte[] p1363ToDer(byte[] rs) {
    if (rs.length != 2 * SCALAR_BYTES) {
      return null;
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, SCALAR_BYTES));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, SCALAR_BYTES, rs.length));
    try {
      return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding failed", e);
    }
  }

  /** JWS {@code r || s} (32 bytes each) from a DER signature this process made. */
  static byte[] derToP1363(byte[] der) {
    ASN1Sequence seq = ASN1Sequence.getInstance(der);
    byte[] out = new byte[2 * SCALAR_BYTES];
    for (int i = 0; i < 2; i++) {
      byte[] n = ASN1Integer.getInstance(seq.getObjectAt(i)).getPositiveValue().toByteArray();
      int len = Math.min(n.length, SCALAR_BYTES);
      System.arraycopy(n, n.length - len, out, (i + 1) * SCALAR_BYTES - len, len);
    }
    return out;
  }
}
