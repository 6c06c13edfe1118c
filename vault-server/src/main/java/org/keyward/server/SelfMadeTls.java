package org.keyward.server;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes, on first start, the TLS material the server needs until Keyward's own PKI exists: a small
 * local CA (self-signed P-256, CA:true, keyCertSign) and a P-256 server certificate it signs (SAN
 * 127.0.0.1, ::1, localhost and the listen host; EKU serverAuth), as PEM files under one directory.
 * Later starts reuse them; the server certificate is re-issued by the same CA when it expires
 * within {@link #RENEW_BEFORE} or lacks the listen host, and everything is remade when the CA
 * itself does. Private keys are written with mode 0600 and never widened. Blocking file I/O: call
 * it before Vert.x starts or from a worker.
 */
public final class SelfMadeTls {
  static final Duration RENEW_BEFORE = Duration.ofDays(7);
  private static final Duration CA_LIFETIME = Duration.ofDays(5 * 365);
  private static final Duration SERVER_LIFETIME = Duration.ofDays(397);
  private static final String SIGNATURE = "SHA256withECDSA";

  private final Path dir;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param dir where {@code ca.pem}, {@code ca-key.pem}, {@code server.pem} and {@code
   *     server-key.pem} live, e.g. {@code DATA_DIR/tls}
   */
  public SelfMadeTls(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  /**
   * Returns usable files for {@code listenHost}, making or renewing what is missing or expiring.
   *
   * @throws UncheckedIOException if the directory or files cannot be written or read
   */
  public TlsFiles ensure(String listenHost) {
    try {
      OwnerOnlyFiles.createPrivateDirectory(dir);
      Path caCert = dir.resolve("ca.pem");
      Path serverCert = dir.resolve("server.pem");
      Path serverKey = dir.resolve("server-key.pem");
      Set<String> names = subjectAltNames(listenHost);
      Issuer ca = loadOrMakeCa(caCert, dir.resolve("ca-key.pem"));
      boolean reusable =
          PemFiles.readCertificate(serverCert)
                  .filter(this::fresh)
                  .filter(c -> issuedBy(c, ca.certificate()))
                  .filter(c -> coversNames(c, names))
                  .isPresent()
              && PemFiles.readPrivateKey(serverKey).isPresent();
      if (!reusable) {
        KeyPair pair = newKeyPair();
        X509Certificate made = issueServer(pair, ca, names);
        writePrivateKey(serverKey, pair.getPrivate());
        writeCertificate(serverCert, made);
      }
      return new TlsFiles(serverCert, serverKey, Optional.of(caCert));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make TLS material under " + dir, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make TLS material under " + dir, e);
    }
  }

  /** The CA certificate and its key. */
  private record Issuer(X509Certificate certificate, PrivateKey key) {}

  private Issuer loadOrMakeCa(Path certFile, Path keyFile)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    Optional<X509Certificate> cert = PemFiles.readCertificate(certFile).filter(this::fresh);
    Optional<PrivateKey> key =
        cert.isPresent() ? PemFiles.readPrivateKey(keyFile) : Optional.empty();
    if (cert.isPresent() && key.isPresent()) {
      return new Issuer(cert.get(), key.get());
    }
    KeyPair pair = newKeyPair();
    X509Certificate made = issueCa(pair);
    writePrivateKey(keyFile, pair.getPrivate());
    writeCertificate(certFile, made);
    return new Issuer(made, pair.getPrivate());
  }

  private boolean fresh(X509Certificate cert) {
    Instant now = clock.instant();
    return cert.getNotBefore().toInstant().isBefore(now.plusSeconds(1))
        && cert.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE));
  }

  private static boolean issuedBy(X509Certificate cert, X509Certificate ca) {
    try {
      cert.verify(ca.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean coversNames(X509Certificate cert, Set<String> names) {
    try {
      Set<String> present = new LinkedHashSet<>();
      if (cert.getSubjectAlternativeNames() != null) {
        for (List<?> san : cert.getSubjectAlternativeNames()) {
          present.add(canonical(san.get(1).toString()));
        }
      }
      return names.stream().map(SelfMadeTls::canonical).allMatch(present::contains);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** IP addresses compare by value: the JDK prints ::1 as 0:0:0:0:0:0:0:1. */
  private static String canonical(String name) {
    if (isIpLiteral(name)) {
      try {
        return InetAddress.getByName(name).getHostAddress();
      } catch (UnknownHostException e) {
        return name;
      }
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static Set<String> subjectAltNames(String listenHost) {
    Set<String> names = new LinkedHashSet<>(List.of("127.0.0.1", "::1", "localhost"));
    String host =
        listenHost.startsWith("[") ? listenHost.substring(1, listenHost.length() - 1) : listenHost;
    if (!host.isEmpty() && !host.equals("0.0.0.0") && !host.equals("::")) {
      names.add(host);
    }
    return names;
  }

  private static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  private KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"), random);
    return gen.generateKeyPair();
  }

  private BigInteger serial() {
    return new BigInteger(159, random).add(BigInteger.ONE);
  }

  private X509Certificate issueCa(KeyPair pair)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    Instant now = clock.instant();
    X500Name name = new X500Name("CN=Keyward local CA " + now.getEpochSecond());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
                name,
                serial(),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(CA_LIFETIME)),
                name,
                pair.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
            .addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
            .addExtension(
                Extension.subjectKeyIdentifier,
                false,
                ext.createSubjectKeyIdentifier(pair.getPublic()));
    return sign(b, pair.getPrivate());
  }

  private X509Certificate issueServer(KeyPair pair, Issuer issuer, Set<String> names)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X509Certificate ca = issuer.certificate();
    Instant now = clock.instant();
    Instant notAfter = now.plus(SERVER_LIFETIME);
    if (notAfter.isAfter(ca.getNotAfter().toInstant())) {
      notAfter = ca.getNotAfter().toInstant();
    }
    List<GeneralName> sans = new ArrayList<>();
    for (String n : names) {
      sans.add(new GeneralName(isIpLiteral(n) ? GeneralName.iPAddress : GeneralName.dNSName, n));
    }
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
                ca,
                serial(),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(notAfter),
                new X500Name("CN=keyward server"),
                pair.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
            .addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
            .addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(sans.toArray(new GeneralName[0])))
            .addExtension(
                Extension.subjectKeyIdentifier,
                false,
                ext.createSubjectKeyIdentifier(pair.getPublic()))
            .addExtension(
                Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
    return sign(b, issuer.key());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
  }

  private void writeCertificate(Path target, X509Certificate cert) throws IOException {
    OwnerOnlyFiles.write(target, pem(cert), OwnerOnlyFiles.PUBLIC);
  }

  private void writePrivateKey(Path target, PrivateKey key) throws IOException {
    OwnerOnlyFiles.write(target, pem(new JcaPKCS8Generator(key, null)), OwnerOnlyFiles.SECRET);
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(object);
    }
    return out.toString();
  }
}
