package org.keyward.auth.cert;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks OCSP responders (RFC 6960, HTTP POST) whether a login certificate is revoked: a request with
 * a fresh nonce, Bouncy Castle for the encoding, and a response accepted only if it is signed by
 * the leaf's issuer, by one of the role's {@code ocsp_ca_certificates}, or by a responder
 * certificate the issuer signed for OCSP signing; names the leaf; echoes the nonce if it carries
 * one; and is current (5 minutes of clock skew allowed). Anything else is {@link
 * Verdict#NO_ANSWER}, for the role's {@code ocsp_fail_open} to decide. The JDK's HttpClient does
 * the I/O; nothing blocks the event loop. Thread-safe.
 */
final class CertOcspClient {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SKEW = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  enum Verdict {
    GOOD,
    REVOKED,
    NO_ANSWER
  }

  /**
   * The verdict for {@code leaf} under {@code settings}: with {@code ocsp_query_all_servers}, GOOD
   * only if every server says good (REVOKED if any says revoked); otherwise the first server that
   * answers decides. NO_ANSWER when no server is named or none answers.
   */
  Future<Verdict> check(
      X509Certificate leaf, X509Certificate issuer, CertOcspSettings settings, Context context) {
    List<String> servers =
        settings.serversOverride().isEmpty() ? ocspUrls(leaf) : settings.serversOverride();
    if (servers.isEmpty()) {
      return Future.succeededFuture(Verdict.NO_ANSWER);
    }
    if (settings.queryAllServers()) {
      List<Future<Verdict>> all = new ArrayList<>();
      servers.forEach(url -> all.add(ask(url, leaf, issuer, settings, context)));
      return Future.join(all)
          .transform(
              ignored -> {
                List<Verdict> verdicts =
                    all.stream().map(f -> f.succeeded() ? f.result() : Verdict.NO_ANSWER).toList();
                if (verdicts.contains(Verdict.REVOKED)) {
                  return Future.succeededFuture(Verdict.REVOKED);
                }
                return Future.succeededFuture(
                    verdicts.stream().allMatch(v -> v == Verdict.GOOD)
                        ? Verdict.GOOD
                        : Verdict.NO_ANSWER);
              });
    }
    return firstAnswer(servers, 0, leaf, issuer, settings, context);
  }

  private Future<Verdict> firstAnswer(
      List<String> servers,
      int index,
      X509Certificate leaf,
      X509Certificate issuer,
      CertOcspSettings settings,
      Context context) {
    if (index >= servers.size()) {
      return Future.succeededFuture(Verdict.NO_ANSWER);
    }
    return ask(servers.get(index), leaf, issuer, settings, context)
        .otherwise(Verdict.NO_ANSWER)
        .compose(
            v ->
                v == Verdict.NO_ANSWER
                    ? firstAnswer(servers, index + 1, leaf, issuer, settings, context)
                    : Future.succeededFuture(v));
  }

  private Future<Verdict> ask(
      String url,
      X509Certificate leaf,
      X509Certificate issuer,
      CertOcspSettings settings,
      Context context) {
    CertificateID id;
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    HttpRequest request;
    try {
      id =
          new CertificateID(
              new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
              new X509CertificateHolder(issuer.getEncoded()),
              leaf.getSerialNumber());
      byte[] body =
          new OCSPReqBuilder()
              .addRequest(id)
              .setRequestExtensions(
                  new Extensions(
                      new Extension(
                          OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                          false,
                          new DEROctetString(new DEROctetString(nonce)))))
              .build()
              .getEncoded();
      request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(TIMEOUT)
              .header("Content-Type", "application/ocsp-request")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
    } catch (Exception e) {
      return Future.succeededFuture(Verdict.NO_ANSWER);
    }
    return Future.fromCompletionStage(
            http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()), context)
        .map(
            response ->
                response.statusCode() == 200
                    ? verdict(response.body(), id, nonce, issuer, settings)
                    : Verdict.NO_ANSWER);
  }

  static Verdict verdict(
      byte[] der,
      CertificateID id,
      byte[] nonce,
      X509Certificate issuer,
      CertOcspSettings settings) {
    try {
      OCSPResp response = new OCSPResp(der);
      if (response.getStatus() != OCSPResp.SUCCESSFUL
          || !(response.getResponseObject() instanceof BasicOCSPResp basic)) {
        return Verdict.NO_ANSWER;
      }
      if (!signedByTrustedResponder(basic, issuer, settings) || !nonceMatches(basic, nonce)) {
        return Verdict.NO_ANSWER;
      }
      Instant now = Instant.now();
      for (SingleResp single : basic.getResponses()) {
        if (!single.getCertID().equals(id)) {
          continue;
        }
        if (single.getThisUpdate().toInstant().isAfter(now.plus(SKEW))
            || (single.getNextUpdate() != null
                && single.getNextUpdate().toInstant().isBefore(now.minus(SKEW)))) {
          return Verdict.NO_ANSWER;
        }
        Object status = single.getCertStatus();
        if (status == null) {
          return Verdict.GOOD;
        }
        return status instanceof RevokedStatus ? Verdict.REVOKED : Verdict.NO_ANSWER;
      }
      return Verdict.NO_ANSWER;
    } catch (IOException | org.bouncycastle.cert.ocsp.OCSPException | RuntimeException e) {
      return Verdict.NO_ANSWER;
    }
  }

  private static boolean signedByTrustedResponder(
      BasicOCSPResp basic, X509Certificate issuer, CertOcspSettings settings) {
    List<X509Certificate> signers = new ArrayList<>();
    signers.add(issuer);
    signers.addAll(settings.caCertificates());
    for (X509CertificateHolder holder : basic.getCerts()) {
      try {
        X509Certificate delegated = new JcaX509CertificateConverter().getCertificate(holder);
        delegated.verify(issuer.getPublicKey());
        delegated.checkValidity(new Date());
        List<String> eku = delegated.getExtendedKeyUsage();
        if (eku != null && eku.contains("1.3.6.1.5.5.7.3.9")) {
          signers.add(delegated);
        }
      } catch (Exception e) {
        // not a responder the issuer delegated to: ignore it
      }
    }
    for (X509Certificate signer : signers) {
      try {
        if (basic.isSignatureValid(
            new JcaContentVerifierProviderBuilder().build(signer.getPublicKey()))) {
          return true;
        }
      } catch (Exception e) {
        // wrong key type for this signature: try the next signer
      }
    }
    return false;
  }

  private static boolean nonceMatches(BasicOCSPResp basic, byte[] nonce) {
    Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (echoed == null) {
      return true; // RFC 8954: responders may leave the nonce out (pre-signed responses)
    }
    byte[] value = echoed.getExtnValue().getOctets();
    try {
      value = ASN1OctetString.getInstance(value).getOctets();
    } catch (RuntimeException e) {
      // a responder that echoed the raw bytes
    }
    return Arrays.equals(value, nonce);
  }

  /** The OCSP URLs of {@code leaf}'s AIA extension. */
  static List<String> ocspUrls(X509Certificate leaf) {
    byte[] ext = leaf.getExtensionValue(Extension.authorityInfoAccess.getId());
    if (ext == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try {
      AuthorityInformationAccess aia =
          AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(ext).getOctets());
      for (AccessDescription d : aia.getAccessDescriptions()) {
        if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
            && d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
          out.add(d.getAccessLocation().getName().toString());
        }
      }
    } catch (RuntimeException e) {
      return List.of();
    }
    return out;
  }
}
