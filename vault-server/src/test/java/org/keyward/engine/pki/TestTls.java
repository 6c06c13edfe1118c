package org.keyward.engine.pki;

import java.io.StringReader;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** JDK TLS contexts from PEM, as a Keyward client would build them from an issue answer. */
final class TestTls {
  private static final char[] PASSWORD = "test".toCharArray();

  private TestTls() {}

  /** A TLS 1.3 context presenting {@code chain} with {@code keyPem}, trusting only {@code ca}. */
  static SSLContext context(String keyPem, List<X509Certificate> chain, X509Certificate ca)
      throws Exception {
    KeyStore identity = KeyStore.getInstance("PKCS12");
    identity.load(null, null);
    identity.setKeyEntry("me", privateKey(keyPem), PASSWORD, chain.toArray(X509Certificate[]::new));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(identity, PASSWORD);
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry("ca", ca);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(anchors);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  /** Reads Vault's {@code EC PRIVATE KEY} / {@code RSA PRIVATE KEY} PEM. */
  static PrivateKey privateKey(String pem) throws Exception {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      return new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) object).getPrivate();
    }
  }
}
