package org.keyward.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads the first certificate or private key of a PEM file with Bouncy Castle's parser. A missing,
 * empty or unparsable file reads as empty, so {@link SelfMadeTls} remakes it rather than failing.
 */
final class PemFiles {
  private PemFiles() {}

  static Optional<X509Certificate> readCertificate(Path file) {
    Object o = readFirst(file);
    if (!(o instanceof X509CertificateHolder holder)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new JcaX509CertificateConverter().getCertificate(holder));
    } catch (CertificateException e) {
      return Optional.empty();
    }
  }

  static Optional<PrivateKey> readPrivateKey(Path file) {
    Object o = readFirst(file);
    try {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PrivateKeyInfo info) {
        return Optional.of(converter.getPrivateKey(info));
      }
      if (o instanceof PEMKeyPair pair) {
        return Optional.of(converter.getKeyPair(pair).getPrivate());
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Object readFirst(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      return parser.readObject();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
