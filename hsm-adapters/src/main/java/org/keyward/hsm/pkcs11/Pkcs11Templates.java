package org.keyward.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_RSA;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.keyward.hsm.SigningAlgorithm;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;

/**
 * Attribute templates for the keys Keyward makes. Every usage flag a key does not need is set to
 * false explicitly: SoftHSM's defaults are broad (an EC private key would also decrypt and unwrap,
 * libraries.md G5).
 */
final class Pkcs11Templates {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Pkcs11Templates() {}

  /**
   * AES-256 KEK: token, private, sensitive, never extractable; encrypt/decrypt/wrap/unwrap only.
   */
  static AttributeVector kek(String label) {
    return AttributeVector.newAESSecretKey()
        .token(true)
        .private_(true)
        .label(label)
        .id(newId())
        .valueLen(32)
        .sensitive(true)
        .extractable(false)
        .encrypt(true)
        .decrypt(true)
        .wrap(true)
        .unwrap(true)
        .sign(false)
        .verify(false)
        .derive(false);
  }

  /**
   * AES-256 data key (transit's HSM-resident keys): token, private, sensitive, never extractable;
   * encrypt and decrypt only, so it can neither wrap other keys out nor be used as a KEK.
   */
  static AttributeVector dataKey(String label) {
    return AttributeVector.newAESSecretKey()
        .token(true)
        .private_(true)
        .label(label)
        .id(newId())
        .valueLen(32)
        .sensitive(true)
        .extractable(false)
        .encrypt(true)
        .decrypt(true)
        .wrap(false)
        .unwrap(false)
        .sign(false)
        .verify(false)
        .derive(false);
  }

  /** Signing key pair: the private key is sensitive, not extractable, and may only sign. */
  static KeyPairTemplate signingPair(String label, SigningAlgorithm algorithm) {
    KeyPairTemplate template =
        new KeyPairTemplate(algorithm == SigningAlgorithm.RSA_3072 ? CKK_RSA : CKK_EC)
            .token(true)
            .private_(true, false)
            .labels(label)
            .id(newId())
            .signVerify(true)
            .decryptEncrypt(false)
            .unwrapWrap(false)
            .signVerifyRecover(false)
            .derive(false);
    template.privateKey().sensitive(true).extractable(false);
    switch (algorithm) {
      case EC_P256 -> template.publicKey().ecParams(curveParams(X9ObjectIdentifiers.prime256v1));
      case EC_P384 -> template.publicKey().ecParams(curveParams(SECObjectIdentifiers.secp384r1));
      case RSA_3072 ->
          template.publicKey().modulusBits(3072).publicExponent(BigInteger.valueOf(65537));
    }
    return template;
  }

  /** DER of the named-curve OID, the form CKA_EC_PARAMS takes. */
  static byte[] curveParams(org.bouncycastle.asn1.ASN1ObjectIdentifier curve) {
    try {
      return curve.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode curve OID", e);
    }
  }

  private static byte[] newId() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return id;
  }
}
