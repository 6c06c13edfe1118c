package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.keyward.engine.pki.OcspRequestParser.MalformedOcspRequest;
import org.keyward.engine.pki.OcspRequestParser.ParsedRequest;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * Vault's OCSP responder, {@code GET ocsp/<base64 request>} and {@code POST ocsp} with {@code
 * application/ocsp-request}, unauthenticated as in Vault. Each certificate asked about is looked up
 * in this mount's store, so a revocation is answered as soon as {@code revoke} has stored it.
 * Answers as Vault: 200 with a signed response; 400 {@code malformedRequest} for a request that
 * does not parse; 401 {@code unauthorized} while the mount has no issuer or OCSP is disabled; 503
 * {@code tryLater} while the CA key is unreachable. Never a JSON error.
 */
final class PkiOcspRoutes {
  static final String CONTENT_TYPE = "application/ocsp-response";

  private final PkiStore store;
  private final CaKeyCustody custody;
  private final PkiWorker worker;
  private final Clock clock;

  PkiOcspRoutes(PkiStore store, CaKeyCustody custody, PkiWorker worker, Clock clock) {
    this.store = store;
    this.custody = custody;
    this.worker = worker;
    this.clock = clock;
  }

  /** The GET form's path segment, still encoded; parsed in the action so errors are OCSP ones. */
  static String getRequest(RequestContext request) {
    return request.param("request");
  }

  static byte[] postRequest(RequestContext request) {
    return request.rawBody();
  }

  Future<VaultResponse> get(String base64, RequestContext context) {
    ParsedRequest parsed;
    try {
      parsed = OcspRequestParser.parseBase64(base64);
    } catch (MalformedOcspRequest e) {
      return Future.succeededFuture(error(400, OCSPRespBuilder.MALFORMED_REQUEST));
    }
    return answer(parsed);
  }

  Future<VaultResponse> post(byte[] der, RequestContext context) {
    ParsedRequest parsed;
    try {
      parsed = OcspRequestParser.parse(der);
    } catch (MalformedOcspRequest e) {
      return Future.succeededFuture(error(400, OCSPRespBuilder.MALFORMED_REQUEST));
    }
    return answer(parsed);
  }

  private Future<VaultResponse> answer(ParsedRequest request) {
    Instant now = clock.instant();
    return store
        .issuer()
        .compose(
            issuer -> {
              if (issuer.isEmpty()) {
                return Future.succeededFuture(error(401, OCSPRespBuilder.UNAUTHORIZED));
              }
              return store
                  .crlSettings()
                  .compose(
                      settings ->
                          settings.ocspDisable()
                              ? Future.succeededFuture(error(401, OCSPRespBuilder.UNAUTHORIZED))
                              : signedAnswer(issuer.get(), request, settings, now));
            })
        .recover(
            e ->
                e instanceof ApiError api && api.status() == 503
                    ? Future.succeededFuture(error(503, OCSPRespBuilder.TRY_LATER))
                    : Future.failedFuture(e));
  }

  private Future<VaultResponse> signedAnswer(
      IssuerRecord issuer, ParsedRequest request, CrlSettings settings, Instant now) {
    List<Future<OcspAnswer>> answers = new ArrayList<>();
    for (CertificateID id : request.certificates()) {
      answers.add(status(issuer, id));
    }
    return Future.all(answers)
        .compose(all -> custody.key(issuer.keyName()))
        .compose(
            key ->
                worker.ocsp(
                    issuer,
                    key,
                    answers.stream().map(Future::result).toList(),
                    request.nonce(),
                    now,
                    Duration.ofSeconds(settings.ocspExpirySeconds())))
        .map(der -> VaultResponse.raw(200, CONTENT_TYPE, Buffer.buffer(der)));
  }

  private Future<OcspAnswer> status(IssuerRecord issuer, CertificateID id) {
    if (!issuedBy(issuer, id)) {
      return Future.succeededFuture(OcspAnswer.unknown(id));
    }
    return store
        .certificate(id.getSerialNumber())
        .map(
            found ->
                found
                    .map(
                        c ->
                            c.revokedAt() == null
                                ? OcspAnswer.good(id)
                                : OcspAnswer.revoked(id, c.revokedAt()))
                    .orElseGet(() -> OcspAnswer.unknown(id)));
  }

  /** Whether {@code id}'s issuer name and key hashes are this mount's CA's, in its hash. */
  private static boolean issuedBy(IssuerRecord issuer, CertificateID id) {
    try {
      DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
      return id.matchesIssuer(
          new X509CertificateHolder(issuer.certificate().getEncoded()), digests);
    } catch (OCSPException e) {
      // A hash algorithm we do not know: we cannot say it is ours.
      return false;
    } catch (OperatorCreationException | java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("issuer certificate cannot be hashed", e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static VaultResponse error(int httpStatus, int ocspStatus) {
    return VaultResponse.raw(
        httpStatus, CONTENT_TYPE, Buffer.buffer(OcspResponseBuilder.error(ocspStatus)));
  }
}
