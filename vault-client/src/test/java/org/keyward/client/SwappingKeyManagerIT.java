package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key manager behind the renewing TLS identity, on keytool-made certificates (slow: a JVM
 * each).
 */
class SwappingKeyManagerIT {
  @TempDir Path dir;

  /** A self-signed EC certificate and key made by the JDK's keytool. */
  private IssuedCertificate made(String name) throws Exception {
    Path store = dir.resolve(name + ".p12");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-alias",
                "k",
                "-dname",
                "CN=" + name,
                "-validity",
                "1",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    X509Certificate cert = (X509Certificate) ks.getCertificate("k");
    PrivateKey key = (PrivateKey) ks.getKey("k", "changeit".toCharArray());
    return new IssuedCertificate(cert, List.of(), key, cert.getSerialNumber().toString(16));
  }

  @Test
  void swap_newHandshakesGetNewIdentity_aliasChosenBeforeStillResolves() throws Exception {
    IssuedCertificate a = made("a");
    IssuedCertificate b = made("b");
    IssuedCertificate c = made("c");
    SwappingKeyManager km = new SwappingKeyManager(a);
    String aliasA = km.chooseServerAlias("EC", null, null);

    km.swap(b);
    String aliasB = km.chooseServerAlias("EC", null, null);
    PrivateKey stillA = km.getPrivateKey(aliasA);
    km.swap(c);

    assertNotEquals(aliasA, aliasB);
    assertEquals(a.privateKey(), stillA);
    assertEquals(b.certificate(), km.getCertificateChain(aliasB)[0]);
    assertNull(km.getPrivateKey(aliasA), "identities older than the previous one are dropped");
    assertEquals(
        c.certificate(), km.getCertificateChain(km.chooseServerAlias("EC", null, null))[0]);
  }

  @Test
  void chooseAlias_otherKeyType_isNull() throws Exception {
    SwappingKeyManager km = new SwappingKeyManager(made("a"));

    assertNull(km.chooseServerAlias("RSA", null, null));
    assertNull(km.chooseClientAlias(new String[] {"RSA"}, null, null));
    assertTrue(km.chooseClientAlias(new String[] {"RSA", "EC"}, null, null).startsWith("keyward-"));
  }
}
