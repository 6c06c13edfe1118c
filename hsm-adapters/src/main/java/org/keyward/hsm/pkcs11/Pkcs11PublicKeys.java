package org.keyward.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_PARAMS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_POINT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_KEY_TYPE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_MODULUS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_PUBLIC_EXPONENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_RSA;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.keyward.hsm.SigningAlgorithm;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Token;
import org.xipki.pkcs11.wrapper.TokenException;

/** Reads a public key object from the token as a JCA {@link PublicKey}, and its algorithm. */
final class Pkcs11PublicKeys {
  private Pkcs11PublicKeys() {}

  record Loaded(SigningAlgorithm algorithm, PublicKey key) {}

  static Loaded read(PKCS11Token token, long handle) throws TokenException {
    AttributeVector type = token.getAttrValues(handle, CKA_KEY_TYPE);
    long keyType = type.keyType();
    try {
      if (keyType == CKK_RSA) {
        AttributeVector rsa = token.getAttrValues(handle, CKA_MODULUS, CKA_PUBLIC_EXPONENT);
        PublicKey key =
            KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.modulus(), rsa.publicExponent()));
        return new Loaded(SigningAlgorithm.RSA_3072, key);
      }
      if (keyType == CKK_EC) {
        AttributeVector ec = token.getAttrValues(handle, CKA_EC_PARAMS, CKA_EC_POINT);
        ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(ec.ecParams());
        SigningAlgorithm algorithm;
        int fieldBytes;
        if (curve.equals(X9ObjectIdentifiers.prime256v1)) {
          algorithm = SigningAlgorithm.EC_P256;
          fieldBytes = 32;
        } else if (curve.equals(SECObjectIdentifiers.secp384r1)) {
          algorithm = SigningAlgorithm.EC_P384;
          fieldBytes = 48;
        } else {
          throw new TokenException("unsupported EC curve " + curve.getId());
        }
        byte[] point = uncompressedPoint(ec.ecPoint(), fieldBytes);
        byte[] spki =
            new SubjectPublicKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), point)
                .getEncoded();
        return new Loaded(
            algorithm, KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki)));
      }
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      throw new TokenException("unreadable public key: " + e.getMessage(), e);
    }
    throw new TokenException("unsupported key type " + keyType);
  }

  /**
   * CKA_EC_POINT should be a DER OCTET STRING holding the point (SoftHSM does this); some tokens
   * return the bare point. Accept both.
   */
  static byte[] uncompressedPoint(byte[] ecPoint, int fieldBytes) {
    int rawLength = 1 + 2 * fieldBytes;
    if (ecPoint.length == rawLength && ecPoint[0] == 0x04) {
      return Arrays.copyOf(ecPoint, ecPoint.length);
    }
    return ASN1OctetString.getInstance(ecPoint).getOctets();
  }
}
