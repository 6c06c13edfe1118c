package org.keyward.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The PKI engine at one mount: issue a certificate with a new key, sign a CSR, fetch the CA chain
 * and the CRL, revoke, and {@link #tlsIdentity} for a TLS key and certificate that renew
 * themselves. Issue and sign make a new certificate each time and are not retried; the fetches are.
 */
public final class AsyncPki {
  private final AsyncVaultClient client;
  private final HttpTransport transport;
  private final String mount;

  AsyncPki(AsyncVaultClient client, String mount) {
    this.client = client;
    this.transport = client.transport();
    this.mount = AsyncKv.trim(mount);
  }

  /** Issues a certificate and key from {@code role}; the key is PKCS#8 and stays in memory. */
  public CompletableFuture<IssuedCertificate> issue(String role, CertificateRequest request) {
    ObjectNode body = request.toJson(transport.json()).put("private_key_format", "pkcs8");
    return transport
        .send(VaultCall.write(mount + "/issue/" + role, body))
        .thenApply(
            r ->
                new IssuedCertificate(
                    Pem.certificate(r.data().path("certificate").asText()),
                    chain(r.data()),
                    Pem.privateKey(r.data().path("private_key").asText()),
                    r.data().path("serial_number").asText()));
  }

  /** Signs the PEM {@code csr} under {@code role}; names come from the CSR and the request. */
  public CompletableFuture<SignedCertificate> sign(
      String role, String csrPem, CertificateRequest request) {
    ObjectNode body = request.toJson(transport.json()).put("csr", csrPem);
    return transport
        .send(VaultCall.write(mount + "/sign/" + role, body))
        .thenApply(
            r ->
                new SignedCertificate(
                    Pem.certificate(r.data().path("certificate").asText()),
                    chain(r.data()),
                    r.data().path("serial_number").asText()));
  }

  /** The issuing CA and its chain up to the root (unauthenticated, as in Vault). */
  public CompletableFuture<List<X509Certificate>> caChain() {
    return transport
        .send(VaultCall.read(mount + "/ca_chain").withoutToken())
        .thenApply(r -> Pem.certificates(r.text()));
  }

  /** The current CRL (DER from {@code <mount>/crl}), parsed; its signature is not checked here. */
  public CompletableFuture<X509CRL> crl() {
    return transport
        .send(VaultCall.read(mount + "/crl").withoutToken())
        .thenApply(
            r -> {
              try {
                return (X509CRL)
                    CertificateFactory.getInstance("X.509")
                        .generateCRL(new ByteArrayInputStream(r.body()));
              } catch (CertificateException | CRLException e) {
                throw new VaultException(
                    "GET " + mount + "/crl (not a DER CRL)",
                    r.status(),
                    List.of(),
                    r.requestId(),
                    e);
              }
            });
  }

  /** Revokes the certificate with {@code serialNumber} (colon-separated hex). */
  public CompletableFuture<Void> revoke(String serialNumber) {
    ObjectNode body = transport.json().createObjectNode().put("serial_number", serialNumber);
    return transport.send(VaultCall.idempotentWrite(mount + "/revoke", body)).thenApply(r -> null);
  }

  /**
   * A TLS identity for {@code commonName} from {@code role} that renews itself: see {@link
   * RenewingTlsIdentity}. Completes once the first certificate is issued.
   */
  public CompletableFuture<RenewingTlsIdentity> tlsIdentity(String role, String commonName) {
    return tlsIdentity(role, CertificateRequest.forName(commonName));
  }

  /** As below, checking peers against the CRL with {@link PeerRevocation#crl()}'s defaults. */
  public CompletableFuture<RenewingTlsIdentity> tlsIdentity(
      String role, CertificateRequest request) {
    return tlsIdentity(role, request, PeerRevocation.crl());
  }

  /**
   * A renewing TLS identity from {@code role} whose context refuses peers revoked on this mount's
   * CRL as {@code revocation} says.
   */
  public CompletableFuture<RenewingTlsIdentity> tlsIdentity(
      String role, CertificateRequest request, PeerRevocation revocation) {
    return RenewingTlsIdentity.start(this, role, request, client.scheduler(), revocation);
  }

  private static List<X509Certificate> chain(JsonNode data) {
    List<X509Certificate> out = new ArrayList<>();
    JsonNode chain = data.path("ca_chain");
    if (chain.isArray() && chain.size() > 0) {
      chain.forEach(c -> out.addAll(Pem.certificates(c.asText())));
    } else if (data.hasNonNull("issuing_ca")) {
      out.addAll(Pem.certificates(data.get("issuing_ca").asText()));
    }
    return out;
  }
}
