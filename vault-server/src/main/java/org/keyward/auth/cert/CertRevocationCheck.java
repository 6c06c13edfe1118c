package org.keyward.auth.cert;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keyward.auth.cert.CertOcspClient.Verdict;
import org.keyward.http.ApiError;

/**
 * Whether a login's leaf, already trusted by a role, has been revoked, by three sources in turn:
 * this server's own PKI mounts (a direct store look-up, no network), the CRLs uploaded to the mount
 * ({@code crls/<name>}), and, for a role with {@code ocsp_enabled}, OCSP responders. A revoked leaf
 * fails with 400 {@link #REVOKED}. When OCSP gives no answer the role's {@code ocsp_fail_open}
 * decides: closed refuses (400 {@link #OCSP_UNAVAILABLE}), open lets the login through and logs it.
 */
final class CertRevocationCheck {
  static final String REVOKED = "client certificate has been revoked";
  static final String OCSP_UNAVAILABLE =
      "the client certificate's revocation status could not be checked (OCSP)";
  private static final System.Logger LOG = System.getLogger(CertRevocationCheck.class.getName());

  private final LocalRevocationLookup local;
  private final CertCrlStore crls;
  private final CertOcspClient ocsp;
  private final Vertx vertx;

  CertRevocationCheck(
      Vertx vertx, LocalRevocationLookup local, CertCrlStore crls, CertOcspClient ocsp) {
    this.vertx = vertx;
    this.local = local;
    this.crls = crls;
    this.ocsp = ocsp;
  }

  /** Succeeds if {@code chain}'s leaf may log in under {@code role}; fails with a 400 otherwise. */
  Future<Void> check(CertRole role, List<X509Certificate> chain) {
    X509Certificate leaf = chain.get(0);
    Context context = vertx.getOrCreateContext();
    return local
        .isRevoked(leaf)
        .compose(revoked -> revoked ? Future.succeededFuture(true) : crls.lists(leaf))
        .compose(
            revoked -> {
              if (revoked) {
                return Future.failedFuture(ApiError.badRequest(REVOKED));
              }
              if (!role.ocsp().enabled()) {
                return Future.succeededFuture();
              }
              return ocspCheck(role, chain, context);
            });
  }

  private Future<Void> ocspCheck(CertRole role, List<X509Certificate> chain, Context context) {
    X509Certificate leaf = chain.get(0);
    Optional<X509Certificate> issuer = issuerOf(leaf, chain, role);
    Future<Verdict> verdict =
        issuer
            .map(i -> ocsp.check(leaf, i, role.ocsp(), context))
            .orElse(Future.succeededFuture(Verdict.NO_ANSWER));
    return verdict.compose(
        v -> {
          if (v == Verdict.GOOD) {
            return Future.succeededFuture();
          }
          if (v == Verdict.REVOKED) {
            return Future.failedFuture(ApiError.badRequest(REVOKED));
          }
          if (role.ocsp().failOpen()) {
            LOG.log(
                System.Logger.Level.WARNING,
                "cert login: no OCSP answer for certificate serial {0} (role {1});"
                    + " ocsp_fail_open lets the login through",
                leaf.getSerialNumber().toString(16),
                role.name());
            return Future.succeededFuture();
          }
          return Future.failedFuture(ApiError.badRequest(OCSP_UNAVAILABLE));
        });
  }

  /** The certificate that signed {@code leaf}: in the presented chain, or the role's CA. */
  static Optional<X509Certificate> issuerOf(
      X509Certificate leaf, List<X509Certificate> chain, CertRole role) {
    List<X509Certificate> candidates = new ArrayList<>(chain.subList(1, chain.size()));
    candidates.add(role.certificate());
    for (X509Certificate candidate : candidates) {
      if (!candidate.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
        continue;
      }
      try {
        leaf.verify(candidate.getPublicKey());
        return Optional.of(candidate);
      } catch (Exception e) {
        // same name, other key: keep looking
      }
    }
    return Optional.empty();
  }
}
