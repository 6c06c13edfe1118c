package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PemTest {
  private static PrivateKey generate(String algorithm, int size) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
    g.initialize(size);
    KeyPair pair = g.generateKeyPair();
    return pair.getPrivate();
  }

  @Test
  void privateKey_pkcs8EcAndRsa_roundTrip() throws Exception {
    PrivateKey ec = generate("EC", 256);
    PrivateKey rsa = generate("RSA", 2048);

    assertEquals(ec, Pem.privateKey(Pem.encode(ec)));
    assertEquals(rsa, Pem.privateKey(Pem.encode(rsa)));
  }

  @Test
  void privateKey_afterCertificateBlock_isFound() throws Exception {
    PrivateKey ec = generate("EC", 256);
    String bundle =
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" + Pem.encode(ec);

    assertEquals(ec, Pem.privateKey(bundle));
  }

  @Test
  void privateKey_sec1OrPkcs1_isRefusedWithConversionHint() {
    String sec1 = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n";
    String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n";

    IllegalArgumentException e1 =
        assertThrows(IllegalArgumentException.class, () -> Pem.privateKey(sec1));
    IllegalArgumentException e2 =
        assertThrows(IllegalArgumentException.class, () -> Pem.privateKey(pkcs1));

    assertTrue(e1.getMessage().contains("openssl pkcs8 -topk8"), e1::getMessage);
    assertTrue(e2.getMessage().contains("RSA PRIVATE KEY"), e2::getMessage);
    assertFalse(e1.getMessage().contains("MHcC"), e1::getMessage);
  }

  @Test
  void privateKey_garbage_isRefusedWithoutEcho() {
    String junk =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4})
            + "\n-----END PRIVATE KEY-----\n";

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Pem.privateKey(junk));

    assertEquals("unsupported PKCS#8 private key algorithm", e.getMessage());
  }

  @Test
  void certificates_noBlock_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> Pem.certificates("hello"));
  }
}
