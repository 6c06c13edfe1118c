package org.keyward.engine.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.keyward.http.ApiError;

/**
 * PEM and DER in the forms Vault answers: certificates, chains and private keys (SEC1 for EC and
 * PKCS#1 for RSA by default, PKCS#8 on request). Parsing of caller input fails with 400 naming the
 * field.
 */
final class PemCodec {
  private PemCodec() {}

  static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().trim();
  }

  /** The private key as PEM: {@code EC PRIVATE KEY}/{@code RSA PRIVATE KEY}, or PKCS#8. */
  static String privateKeyPem(PrivateKey key, boolean pkcs8) {
    try {
      return pkcs8 ? pem(new JcaPKCS8Generator(key, null).generate()) : pem(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The DER inside {@link #privateKeyPem}: SEC1/PKCS#1, or PKCS#8. */
  static byte[] privateKeyDer(PrivateKey key, boolean pkcs8) {
    if (pkcs8) {
      return key.getEncoded();
    }
    try {
      return PrivateKeyInfo.getInstance(key.getEncoded())
          .parsePrivateKey()
          .toASN1Primitive()
          .getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw ApiError.badRequest("invalid certificate");
    }
  }

  static X509Certificate certificate(String pem) {
    List<X509Certificate> all = certificates(pem, "certificate");
    if (all.size() != 1) {
      throw ApiError.badRequest("expected one certificate, got " + all.size());
    }
    return all.get(0);
  }

  /** Every certificate in a PEM bundle, in order; 400 naming {@code field} if there is none. */
  static List<X509Certificate> certificates(String pem, String field) {
    List<X509Certificate> out = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof X509CertificateHolder holder) {
          out.add(certificate(holder.getEncoded()));
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiError api) {
        throw api;
      }
      throw ApiError.badRequest("field '" + field + "' is not valid PEM");
    }
    if (out.isEmpty()) {
      throw ApiError.badRequest("field '" + field + "' holds no PEM certificate");
    }
    return out;
  }

  static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("certificate cannot be encoded", e);
    }
  }
}
