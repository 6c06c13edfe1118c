package org.keyward.engine.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
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

  /**
   * The private key as PEM: {@code EC PRIVATE KEY} (SEC1) or {@code RSA PRIVATE KEY} (PKCS#1), or
   * PKCS#8 {@code PRIVATE KEY}.
   */
  static String privateKeyPem(KeyPair pair, boolean pkcs8) {
    String type = pkcs8 ? "PRIVATE KEY" : pair.getPrivate().getAlgorithm() + " PRIVATE KEY";
    return pem(new PemObject(type, privateKeyDer(pair, pkcs8)));
  }

  /**
   * The DER inside {@link #privateKeyPem}. EC keys carry their curve and public point, as OpenSSL
   * and Go write them: the JDK's own encoding leaves the public point out, and some readers (Bouncy
   * Castle's PEM key pair reader) then fail.
   */
  static byte[] privateKeyDer(KeyPair pair, boolean pkcs8) {
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
      if (pair.getPrivate() instanceof ECPrivateKey ec) {
        SubjectPublicKeyInfo publicInfo =
            SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
        ASN1Encodable curve = publicInfo.getAlgorithm().getParameters();
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
            new org.bouncycastle.asn1.sec.ECPrivateKey(
                ec.getParams().getOrder().bitLength(),
                ec.getS(),
                publicInfo.getPublicKeyData(),
                curve);
        info = new PrivateKeyInfo(publicInfo.getAlgorithm(), sec1);
      }
      return pkcs8 ? info.getEncoded() : info.parsePrivateKey().toASN1Primitive().getEncoded();
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
