package org.keyward.engine.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Encodes OCSP responses with Bouncy Castle. A successful response is signed by the issuing CA's
 * own key in custody (no delegated responder certificate: relying parties already trust that key,
 * and there is no second key to guard), names the responder by key hash, echoes the request's nonce
 * and carries thisUpdate and, unless {@code validity} is zero, nextUpdate. Signing blocks: call on
 * a worker thread only. Error responses carry a status and nothing else.
 */
final class OcspResponseBuilder {
  private OcspResponseBuilder() {}

  static byte[] signed(
      IssuerRecord issuer,
      CaKey key,
      List<OcspAnswer> answers,
      byte[] nonce,
      Instant now,
      Duration validity) {
    try {
      RespID responder =
          new RespID(
              SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()),
              new JcaDigestCalculatorProviderBuilder().build().get(RespID.HASH_SHA1));
      BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responder);
      Date thisUpdate = Date.from(now);
      Date nextUpdate = validity.isZero() ? null : Date.from(now.plus(validity));
      for (OcspAnswer answer : answers) {
        builder.addResponse(answer.id(), status(answer), thisUpdate, nextUpdate);
      }
      if (nonce != null) {
        builder.setResponseExtensions(
            new Extensions(
                new Extension(
                    OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce))));
      }
      return new OCSPRespBuilder()
          .build(
              OCSPRespBuilder.SUCCESSFUL,
              builder.build(new CaKeyContentSigner(key), null, thisUpdate))
          .getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OCSPException | OperatorCreationException e) {
      throw new IllegalStateException("OCSP response could not be built", e);
    }
  }

  /**
   * An unsigned error response: {@code malformedRequest}, {@code tryLater}, {@code unauthorized}.
   */
  static byte[] error(int status) {
    try {
      return new OCSPRespBuilder().build(status, null).getEncoded();
    } catch (IOException | OCSPException e) {
      throw new IllegalStateException("OCSP error response could not be built", e);
    }
  }

  private static CertificateStatus status(OcspAnswer answer) {
    return switch (answer.status()) {
      case GOOD -> CertificateStatus.GOOD;
      case REVOKED -> new RevokedStatus(Date.from(answer.revokedAt()), CRLReason.unspecified);
      case UNKNOWN -> new UnknownStatus();
    };
  }
}
