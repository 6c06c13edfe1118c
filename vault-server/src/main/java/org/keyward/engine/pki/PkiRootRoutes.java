package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * The CA paths: {@code root/generate/internal}, {@code intermediate/generate/internal}, {@code
 * root/sign-intermediate} and {@code intermediate/set-signed}, so a root can sit in one mount and
 * the issuing CA in another. CA keys are created in custody under fresh names; a mount holds one
 * issuer, which is never overwritten.
 */
final class PkiRootRoutes {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PkiStore store;
  private final CaKeyCustody custody;
  private final PkiWorker worker;
  private final Clock clock;

  PkiRootRoutes(PkiStore store, CaKeyCustody custody, PkiWorker worker, Clock clock) {
    this.store = store;
    this.custody = custody;
    this.worker = worker;
    this.clock = clock;
  }

  Future<VaultResponse> generateRoot(CaGenerateRequest request, RequestContext context) {
    String keyName = newKeyName();
    return requireNoIssuer()
        .compose(v -> custody.createKey(keyName, request.keyType()))
        .compose(
            key -> {
              CertificateProfile profile =
                  CertificateProfile.authority(
                      request.subject(),
                      request.altNames(),
                      request.ipSans(),
                      request.ttl(),
                      request.maxPathLength(),
                      clock.instant(),
                      null);
              return worker.certificate(profile, key.publicKey(), null, key);
            })
        .compose(
            certificate -> {
              IssuerRecord issuer =
                  new IssuerRecord(keyName, request.keyType(), certificate, List.of());
              return store.createIssuer(issuer).map(v -> issuer);
            })
        .map(
            issuer -> {
              CertificateFormat format = request.format();
              X509Certificate certificate = issuer.certificate();
              return VaultResponse.data(
                  new JsonObject()
                      .put("certificate", format.encode(certificate))
                      .put("issuing_ca", format.encode(certificate))
                      .put("serial_number", SerialNumbers.colon(certificate.getSerialNumber()))
                      .put("expiration", certificate.getNotAfter().toInstant().getEpochSecond())
                      .put("issuer_id", keyName)
                      .put("issuer_name", "")
                      .put("key_id", keyName)
                      .put("key_name", ""));
            });
  }

  /** Generates a root as {@link #generateRoot} unless this mount already has an issuer. */
  Future<Void> ensureRoot(CaGenerateRequest request) {
    return store
        .issuer()
        .compose(
            existing ->
                existing.isPresent()
                    ? Future.succeededFuture()
                    : generateRoot(request, null).<Void>mapEmpty());
  }

  Future<VaultResponse> generateIntermediate(CaGenerateRequest request, RequestContext context) {
    String keyName = newKeyName();
    return requireNoIssuer()
        .compose(v -> custody.createKey(keyName, request.keyType()))
        .compose(key -> worker.csr(request.subject(), key))
        .compose(
            csr ->
                store
                    .putPending(new PkiStore.PendingKey(keyName, request.keyType()))
                    .map(
                        v ->
                            VaultResponse.data(
                                new JsonObject().put("csr", csr).put("key_id", keyName))));
  }

  Future<VaultResponse> signIntermediate(SignIntermediateRequest request, RequestContext context) {
    return store
        .requireIssuer()
        .compose(
            issuer ->
                custody
                    .key(issuer.keyName())
                    .compose(
                        key -> {
                          CertificateProfile profile =
                              CertificateProfile.authority(
                                  request.subject(),
                                  request.altNames(),
                                  request.ipSans(),
                                  request.ttl(),
                                  CaCertificates.childPathLength(
                                      issuer.certificate(), request.maxPathLength()),
                                  clock.instant(),
                                  issuer.certificate().getNotAfter().toInstant());
                          return store
                              .urls()
                              .compose(
                                  urls ->
                                      worker.certificate(
                                          profile,
                                          request.csr().publicKey(),
                                          issuer.certificate(),
                                          key,
                                          urls));
                        })
                    .compose(
                        certificate ->
                            store
                                .putCertificate(new IssuedCertificate(certificate, null))
                                .map(
                                    v ->
                                        VaultResponse.data(
                                            request
                                                .format()
                                                .certificateData(certificate, issuer.chain())))));
  }

  Future<VaultResponse> setSigned(SetSignedRequest request, RequestContext context) {
    return store
        .pending()
        .map(
            o ->
                o.orElseThrow(
                    () ->
                        ApiError.badRequest(
                            "no pending intermediate key: call intermediate/generate/internal"
                                + " first")))
        .compose(
            pending ->
                custody
                    .key(pending.keyName())
                    .map(key -> checkedIssuer(pending, key, request.certificates())))
        .compose(issuer -> store.createIssuer(issuer).map(v -> issuer))
        .map(
            issuer ->
                VaultResponse.data(
                    new JsonObject()
                        .put("imported_issuers", new JsonArray().add(issuer.keyName()))
                        .put("imported_keys", new JsonArray())
                        .put("existing_issuers", new JsonArray())
                        .put("existing_keys", new JsonArray().add(issuer.keyName()))
                        .put("mapping", new JsonObject().put(issuer.keyName(), issuer.keyName()))));
  }

  /** The issuer a signed intermediate makes, after checking it belongs to the pending key. */
  private static IssuerRecord checkedIssuer(
      PkiStore.PendingKey pending, CaKey key, List<X509Certificate> certificates) {
    X509Certificate certificate = certificates.get(0);
    if (!certificate.getPublicKey().equals(key.publicKey())) {
      throw ApiError.badRequest("the certificate does not match this mount's pending key");
    }
    if (certificate.getBasicConstraints() < 0) {
      throw ApiError.badRequest("the certificate is not a CA certificate");
    }
    List<X509Certificate> parents = certificates.subList(1, certificates.size());
    if (!parents.isEmpty()) {
      try {
        certificate.verify(parents.get(0).getPublicKey());
      } catch (GeneralSecurityException e) {
        throw ApiError.badRequest("the certificate is not signed by the next one in the bundle");
      }
    }
    return new IssuerRecord(pending.keyName(), pending.type(), certificate, parents);
  }

  private Future<Void> requireNoIssuer() {
    return store
        .issuer()
        .map(
            o -> {
              if (o.isPresent()) {
                throw ApiError.badRequest("this mount already has an issuer");
              }
              return null;
            });
  }

  /** A fresh custody name; it fits the HSM's label rule ({@code [a-z][a-z0-9-]{0,47}}). */
  private static String newKeyName() {
    byte[] id = new byte[10];
    RANDOM.nextBytes(id);
    return "pki-" + HexFormat.of().formatHex(id);
  }
}
