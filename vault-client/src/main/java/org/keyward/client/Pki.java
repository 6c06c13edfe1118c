package org.keyward.client;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/** Blocking PKI operations at one mount; see {@link AsyncPki}. */
public final class Pki {
  private final AsyncPki async;

  Pki(AsyncPki async) {
    this.async = async;
  }

  public IssuedCertificate issue(String role, CertificateRequest request) {
    return Blocking.await(async.issue(role, request));
  }

  public SignedCertificate sign(String role, String csrPem, CertificateRequest request) {
    return Blocking.await(async.sign(role, csrPem, request));
  }

  public List<X509Certificate> caChain() {
    return Blocking.await(async.caChain());
  }

  public X509CRL crl() {
    return Blocking.await(async.crl());
  }

  public void revoke(String serialNumber) {
    Blocking.await(async.revoke(serialNumber));
  }

  /** Issues a certificate for {@code commonName} and keeps it renewed; close it when done. */
  public RenewingTlsIdentity tlsIdentity(String role, String commonName) {
    return Blocking.await(async.tlsIdentity(role, commonName));
  }

  public RenewingTlsIdentity tlsIdentity(String role, CertificateRequest request) {
    return Blocking.await(async.tlsIdentity(role, request));
  }

  /** As above, checking peers' revocation as {@code revocation} says. */
  public RenewingTlsIdentity tlsIdentity(
      String role, CertificateRequest request, PeerRevocation revocation) {
    return Blocking.await(async.tlsIdentity(role, request, revocation));
  }
}
