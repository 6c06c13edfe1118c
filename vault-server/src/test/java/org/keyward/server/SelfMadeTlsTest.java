package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfMadeTlsTest {
  /** prime256v1 / secp256r1, as the JDK names the curve of a decoded key. */
  private static final String P256_OID = "1.2.840.10045.3.1.7";

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  @TempDir Path dir;

  private TlsFiles ensure(Instant at, String host) {
    return new SelfMadeTls(dir, Clock.fixed(at, ZoneOffset.UTC)).ensure(host);
  }

  private static X509Certificate cert(Path p) {
    return PemFiles.readCertificate(p).orElseThrow();
  }

  @Test
  void ensure_firstStart_makesCaAndServerCertificate() throws Exception {
    TlsFiles tls = ensure(NOW, "10.0.0.7");
    X509Certificate ca = cert(tls.caCertificate().orElseThrow());
    X509Certificate server = cert(tls.certificate());
    assertTrue(ca.getBasicConstraints() >= 0, "CA:true");
    assertTrue(ca.getKeyUsage()[5], "keyCertSign");
    assertEquals(P256_OID, curve(ca));
    assertEquals(-1, server.getBasicConstraints());
    assertEquals(P256_OID, curve(server));
    assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage());
    server.verify(ca.getPublicKey());
    List<String> sans =
        server.getSubjectAlternativeNames().stream().map(l -> l.get(1).toString()).toList();
    assertTrue(sans.containsAll(List.of("127.0.0.1", "localhost", "10.0.0.7")), sans.toString());
    assertTrue(sans.contains("0:0:0:0:0:0:0:1"), sans.toString());
  }

  private static String curve(X509Certificate cert) throws Exception {
    java.security.AlgorithmParameters p = java.security.AlgorithmParameters.getInstance("EC");
    p.init(((ECPublicKey) cert.getPublicKey()).getParams());
    return p.getParameterSpec(java.security.spec.ECGenParameterSpec.class).getName();
  }

  @Test
  void ensure_privateKeys_haveMode0600() throws IOException {
    TlsFiles tls = ensure(NOW, "localhost");
    assertEquals("rw-------", mode(tls.privateKey()));
    assertEquals("rw-------", mode(dir.resolve("ca-key.pem")));
    assertEquals("rwx------", mode(dir));
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void ensure_serverCertificate_passesOpensslStrictServerCheck() throws Exception {
    TlsFiles tls = new SelfMadeTls(dir, Clock.systemUTC()).ensure("127.0.0.1");
    Process p =
        new ProcessBuilder(
                "openssl",
                "verify",
                "-x509_strict",
                "-purpose",
                "sslserver",
                "-CAfile",
                tls.caCertificate().orElseThrow().toString(),
                tls.certificate().toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.trim().endsWith(": OK"), out);
  }

  @Test
  void ensure_laterStart_reusesFiles() throws IOException {
    TlsFiles first = ensure(NOW, "localhost");
    byte[] cert = Files.readAllBytes(first.certificate());
    byte[] ca = Files.readAllBytes(first.caCertificate().orElseThrow());
    TlsFiles second = ensure(NOW.plus(Duration.ofDays(30)), "localhost");
    assertArrayEquals(cert, Files.readAllBytes(second.certificate()));
    assertArrayEquals(ca, Files.readAllBytes(second.caCertificate().orElseThrow()));
  }

  @Test
  void ensure_serverCertificateExpiringWithin7Days_isReissuedBySameCa() throws Exception {
    TlsFiles first = ensure(NOW, "localhost");
    X509Certificate old = cert(first.certificate());
    byte[] ca = Files.readAllBytes(first.caCertificate().orElseThrow());
    Instant nearExpiry = old.getNotAfter().toInstant().minus(Duration.ofDays(6));
    TlsFiles second = ensure(nearExpiry, "localhost");
    X509Certificate renewed = cert(second.certificate());
    assertFalse(renewed.getSerialNumber().equals(old.getSerialNumber()));
    assertArrayEquals(ca, Files.readAllBytes(second.caCertificate().orElseThrow()));
    renewed.verify(cert(second.caCertificate().orElseThrow()).getPublicKey());
  }

  @Test
  void ensure_newListenHost_isAddedToReissuedCertificate() throws Exception {
    X509Certificate old = cert(ensure(NOW, "localhost").certificate());
    X509Certificate renewed = cert(ensure(NOW, "vault.example.net").certificate());
    assertFalse(renewed.getSerialNumber().equals(old.getSerialNumber()));
    assertTrue(
        renewed.getSubjectAlternativeNames().stream()
            .anyMatch(l -> l.get(1).equals("vault.example.net")));
  }

  @Test
  void ensure_corruptFiles_areRemade() throws IOException {
    TlsFiles first = ensure(NOW, "localhost");
    Files.writeString(first.certificate(), "garbage");
    Files.writeString(first.caCertificate().orElseThrow(), "garbage");
    TlsFiles second = ensure(NOW, "localhost");
    assertTrue(PemFiles.readCertificate(second.certificate()).isPresent());
    assertTrue(PemFiles.readCertificate(second.caCertificate().orElseThrow()).isPresent());
  }
}
