package org.keyward.engine.pki;

import io.vertx.core.Future;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * The {@code issue/:role} and {@code sign/:role} paths. Every name is checked against the role and
 * the TTL against its {@code max_ttl} before any key is made or anything is signed; the certificate
 * is stored (never its private key) before it is returned, so a certificate a client holds can
 * always be revoked.
 */
final class PkiIssueRoutes {
  private final PkiStore store;
  private final CaKeyCustody custody;
  private final PkiWorker worker;
  private final Clock clock;

  PkiIssueRoutes(PkiStore store, CaKeyCustody custody, PkiWorker worker, Clock clock) {
    this.store = store;
    this.custody = custody;
    this.worker = worker;
    this.clock = clock;
  }

  /** The role, the issuer and its key: what every issuance needs. */
  private record Issuing(PkiRole role, IssuerRecord issuer, CaKey key, PkiUrls urls) {}

  Future<VaultResponse> issue(IssueRequest request, RequestContext context) {
    CertificateFormat format = request.format();
    return issueKeyPair(request.role(), request.names(), request.ttl())
        .map(
            issued ->
                VaultResponse.data(
                    format
                        .certificateData(issued.certificate(), issued.issuerChain())
                        .put("private_key", format.encode(issued.keyPair(), request.pkcs8()))
                        .put("private_key_type", issued.keyType().keyType())));
  }

  /** What {@code issue/:role} does, with the key pair returned as an object (never stored). */
  Future<IssuedKeyPair> issueKeyPair(RoleName roleName, RequestedNames names, long ttl) {
    return issuing(roleName)
        .compose(
            issuing -> {
              CertificateProfile profile = profile(issuing, names, ttl);
              CaKeyType keyType = issuing.role().issuedKeyType();
              return worker
                  .keyPair(keyType)
                  .compose(
                      pair ->
                          signAndStore(issuing, profile, pair.getPublic())
                              .map(
                                  certificate ->
                                      new IssuedKeyPair(
                                          certificate, issuing.issuer().chain(), pair, keyType)));
            });
  }

  Future<VaultResponse> sign(SignRequest request, RequestContext context) {
    return issuing(request.role())
        .compose(
            issuing -> {
              checkKeyType(issuing.role(), request.csr().publicKey());
              CertificateProfile profile = profile(issuing, request.names(), request.ttl());
              return signAndStore(issuing, profile, request.csr().publicKey())
                  .map(
                      certificate ->
                          request.format().certificateData(certificate, issuing.issuer().chain()));
            })
        .map(VaultResponse::data);
  }

  private Future<Issuing> issuing(RoleName name) {
    return store
        .role(name)
        .map(o -> o.orElseThrow(() -> ApiError.badRequest("unknown role: " + name.value())))
        .compose(
            role ->
                store
                    .requireIssuer()
                    .compose(
                        issuer ->
                            custody
                                .key(issuer.keyName())
                                .compose(
                                    key ->
                                        store
                                            .urls()
                                            .map(urls -> new Issuing(role, issuer, key, urls)))));
  }

  private CertificateProfile profile(Issuing issuing, RequestedNames names, long ttl) {
    RoleNamePolicy.check(issuing.role(), names);
    return CertificateProfile.leaf(
        issuing.role(),
        names,
        ttl,
        clock.instant(),
        issuing.issuer().certificate().getNotAfter().toInstant());
  }

  private Future<X509Certificate> signAndStore(
      Issuing issuing, CertificateProfile profile, PublicKey subjectKey) {
    return worker
        .certificate(
            profile, subjectKey, issuing.issuer().certificate(), issuing.key(), issuing.urls())
        .compose(
            certificate ->
                store
                    .putCertificate(new IssuedCertificate(certificate, null))
                    .map(v -> certificate));
  }

  /** A role that names a key type takes only CSRs with that key (EC: the same curve size). */
  static void checkKeyType(PkiRole role, PublicKey key) {
    if (role.keyType().equals("any")) {
      return;
    }
    if (role.keyType().equals("ec")) {
      if (!(key instanceof ECPublicKey ec)
          || ec.getParams().getCurve().getField().getFieldSize() != role.keyBits()) {
        throw ApiError.badRequest(
            "role requires an EC P-" + role.keyBits() + " key but the CSR holds another key");
      }
      return;
    }
    if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < role.keyBits()) {
      throw ApiError.badRequest("role requires an RSA key of at least " + role.keyBits() + " bits");
    }
  }
}
