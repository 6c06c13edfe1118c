package org.keyward.client;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and PKCS#8 private keys, read with the JDK alone. SEC1 ({@code EC PRIVATE KEY})
 * and PKCS#1 ({@code RSA PRIVATE KEY}) keys are refused with the openssl command that converts
 * them: the JDK has no public parser for them and the SDK does not carry its own ASN.1 code.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private Pem() {}

  /** Every certificate in {@code pem}, in order; fails if there is none. */
  public static List<X509Certificate> certificates(String pem) {
    try {
      List<X509Certificate> out = new ArrayList<>();
      for (var c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("no certificate in the PEM text");
      }
      return List.copyOf(out);
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
    }
  }

  /** The first certificate in {@code pem}. */
  public static X509Certificate certificate(String pem) {
    return certificates(pem).get(0);
  }

  /**
   * The PKCS#8 {@code PRIVATE KEY} in {@code pem} (EC, RSA or EdDSA). The message of a refusal
   * names the key type, never key material.
   */
  public static PrivateKey privateKey(String pem) {
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      String type = m.group(1);
      switch (type) {
        case "PRIVATE KEY":
          return pkcs8(Base64.getMimeDecoder().decode(m.group(2)));
        case "EC PRIVATE KEY":
        case "RSA PRIVATE KEY":
          throw new IllegalArgumentException(
              type
                  + " (SEC1/PKCS#1) is not supported: convert it with"
                  + " 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
        case "ENCRYPTED PRIVATE KEY":
          throw new IllegalArgumentException("encrypted private keys are not supported");
        default:
          // certificates and other blocks may share the file; look on
      }
    }
    throw new IllegalArgumentException("no PRIVATE KEY block in the PEM text");
  }

  private static PrivateKey pkcs8(byte[] der) {
    for (String algorithm : new String[] {"EC", "RSA", "Ed25519", "Ed448"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm; try the next
      }
    }
    throw new IllegalArgumentException("unsupported PKCS#8 private key algorithm");
  }

  /** {@code certificate} as PEM text. */
  public static String encode(X509Certificate certificate) {
    try {
      return block("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateException e) {
      throw new IllegalStateException("cannot encode certificate", e);
    }
  }

  /** {@code key} as a PKCS#8 PEM block; the caller decides where it may go. */
  public static String encode(PrivateKey key) {
    return block("PRIVATE KEY", key.getEncoded());
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
