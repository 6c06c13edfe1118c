package org.keyward.engine.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;

/**
 * Reads an OCSP request (RFC 6960) from outside: the DER body of a POST or the base64 path segment
 * of a GET. Bouncy Castle does the decoding; this bounds what reaches it (size, number of
 * certificates asked about, nonce length) and turns every decoding failure, whatever its type, into
 * {@link MalformedOcspRequest}, which the responder answers with {@code malformedRequest}.
 * Stateless and thread-safe.
 */
final class OcspRequestParser {
  /** A request for a few certificates with a nonce is a few hundred bytes. */
  static final int MAX_BYTES = 4096;

  static final int MAX_CERTIFICATES = 16;

  /** RFC 8954: a nonce is 1 to 32 octets. */
  static final int MAX_NONCE_BYTES = 32;

  private OcspRequestParser() {}

  /** What the responder needs from a request: the certificates asked about and the nonce. */
  record ParsedRequest(List<CertificateID> certificates, byte[] nonce) {
    ParsedRequest {
      certificates = List.copyOf(certificates);
      nonce = nonce == null ? null : nonce.clone();
    }

    @Override
    public byte[] nonce() {
      return nonce == null ? null : nonce.clone();
    }
  }

  /** The request is not one we can answer; the client gets {@code malformedRequest}. */
  static final class MalformedOcspRequest extends RuntimeException {
    MalformedOcspRequest(String message) {
      super(message, null, false, false);
    }
  }

  /** A GET request's path segment: base64 (standard or URL-safe), as RFC 6960 appendix A.1 says. */
  static ParsedRequest parseBase64(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_BYTES * 2) {
      throw new MalformedOcspRequest("missing or oversized base64 request");
    }
    byte[] der;
    try {
      String standard = text.replace('-', '+').replace('_', '/');
      der = Base64.getDecoder().decode(standard.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new MalformedOcspRequest("request is not base64");
    }
    return parse(der);
  }

  /** A POST body: one DER {@code OCSPRequest} and nothing after it. */
  static ParsedRequest parse(byte[] der) {
    if (der == null || der.length == 0 || der.length > MAX_BYTES) {
      throw new MalformedOcspRequest("missing or oversized request");
    }
    try {
      OCSPReq request = new OCSPReq(OCSPRequest.getInstance(readSingleObject(der)));
      Req[] singles = request.getRequestList();
      if (singles.length == 0 || singles.length > MAX_CERTIFICATES) {
        throw new MalformedOcspRequest("a request must ask about 1 to 16 certificates");
      }
      CertificateID[] ids = new CertificateID[singles.length];
      for (int i = 0; i < singles.length; i++) {
        ids[i] = singles[i].getCertID();
        // Touch each field now so that a bad encoding fails here, not while answering.
        ids[i].getHashAlgOID();
        ids[i].getSerialNumber();
        ids[i].getIssuerNameHash();
        ids[i].getIssuerKeyHash();
      }
      return new ParsedRequest(List.of(ids), nonce(request));
    } catch (MalformedOcspRequest e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      // Bouncy Castle signals bad ASN.1 with many types (IllegalArgumentException,
      // ClassCastException, ASN1ParsingException...): all are the client's malformed request.
      throw new MalformedOcspRequest("request is not a DER OCSP request");
    }
  }

  private static ASN1Primitive readSingleObject(byte[] der) throws IOException {
    try (ASN1InputStream in = new ASN1InputStream(der, true)) {
      ASN1Primitive object = in.readObject();
      if (object == null || in.readObject() != null) {
        throw new MalformedOcspRequest("request must be exactly one DER object");
      }
      return object;
    }
  }

  private static byte[] nonce(OCSPReq request) {
    Extension extension = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (extension == null) {
      return null;
    }
    byte[] value = extension.getExtnValue().getOctets();
    // The nonce's extnValue is an OCTET STRING inside the extension's own OCTET STRING (RFC 8954);
    // clients that send the raw bytes are answered with the same raw bytes.
    byte[] inner;
    try {
      inner = ASN1OctetString.getInstance(value).getOctets();
    } catch (RuntimeException e) {
      inner = value;
    }
    if (inner.length == 0 || inner.length > MAX_NONCE_BYTES) {
      throw new MalformedOcspRequest("nonce must be 1 to 32 bytes");
    }
    return value.clone();
  }
}
