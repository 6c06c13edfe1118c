package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Runs the blocking parts of PKI work on Vert.x worker threads: key pair generation (RSA-3072 takes
 * hundreds of milliseconds) and Bouncy Castle builds, which wait there for the CA signature from
 * custody. Nothing here runs on an event loop.
 */
final class PkiWorker {
  /**
   * EC key pairs come from Bouncy Castle: its fixed-base comb multiplication makes a P-256 pair in
   * about a sixth of the JDK 17 generator's CPU time (0.07 vs 0.42 ms measured here), and key
   * generation was the largest share of {@code issue}'s CPU. Not registered globally.
   */
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private final Vertx vertx;

  PkiWorker(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<X509Certificate> certificate(
      CertificateProfile profile, PublicKey subjectKey, X509Certificate issuer, CaKey signer) {
    return certificate(profile, subjectKey, issuer, signer, PkiUrls.NONE);
  }

  Future<X509Certificate> certificate(
      CertificateProfile profile,
      PublicKey subjectKey,
      X509Certificate issuer,
      CaKey signer,
      PkiUrls urls) {
    return vertx.executeBlocking(
        () -> CertificateBuilder.build(profile, subjectKey, issuer, signer, urls), false);
  }

  Future<byte[]> crl(
      IssuerRecord issuer,
      CaKey key,
      List<IssuedCertificate> revoked,
      long number,
      Instant now,
      java.time.Duration expiry) {
    return vertx.executeBlocking(
        () -> CrlBuilder.build(issuer, key, revoked, number, now, expiry), false);
  }

  Future<byte[]> ocsp(
      IssuerRecord issuer,
      CaKey key,
      List<OcspAnswer> answers,
      byte[] nonce,
      Instant now,
      java.time.Duration validity) {
    return vertx.executeBlocking(
        () -> OcspResponseBuilder.signed(issuer, key, answers, nonce, now, validity), false);
  }

  /** A PEM CSR for {@code subject} over {@code key}, signed in custody. */
  Future<String> csr(X500Name subject, CaKey key) {
    return vertx.executeBlocking(
        () ->
            PemCodec.pem(
                new JcaPKCS10CertificationRequestBuilder(subject, key.publicKey())
                    .build(new CaKeyContentSigner(key))),
        false);
  }

  /** A fresh key pair for {@code issue}; the private half lives only in this response's memory. */
  Future<KeyPair> keyPair(CaKeyType type) {
    return vertx.executeBlocking(() -> generate(type), false);
  }

  static KeyPair generate(CaKeyType type) {
    try {
      KeyPairGenerator generator;
      if (type.isRsa()) {
        generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(type.bits());
      } else {
        generator = KeyPairGenerator.getInstance("EC", BOUNCY_CASTLE);
        generator.initialize(
            new ECGenParameterSpec(type.bits() == 384 ? "secp384r1" : "secp256r1"));
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make " + type + " keys", e);
    }
  }
}
