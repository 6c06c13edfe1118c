package org.keyward.engine.pki;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;

/**
 * Vault's {@code format}: certificates and keys as PEM (the default) or as base64 DER (what Spring
 * Vault asks for). {@code pem_bundle} is refused: it is not needed by the clients Keyward serves.
 */
enum CertificateFormat {
  PEM,
  DER;

  static CertificateFormat from(JsonObject body) {
    String format = Fields.string(body, "format", "pem");
    switch (format) {
      case "pem":
      case "":
        return PEM;
      case "der":
        return DER;
      default:
        throw ApiError.badRequest("unsupported format '" + format + "': use pem or der");
    }
  }

  /** Whether {@code private_key_format} asks for PKCS#8 (else SEC1 or PKCS#1, as Vault). */
  static boolean pkcs8(JsonObject body) {
    String format = Fields.string(body, "private_key_format", "der");
    switch (format) {
      case "der":
      case "pem":
      case "":
        return false;
      case "pkcs8":
        return true;
      default:
        throw ApiError.badRequest(
            "unsupported private_key_format '" + format + "': use der, pem or pkcs8");
    }
  }

  String encode(X509Certificate certificate) {
    return this == PEM
        ? PemCodec.pem(certificate)
        : Base64.getEncoder().encodeToString(PemCodec.der(certificate));
  }

  String encode(KeyPair key, boolean pkcs8) {
    return this == PEM
        ? PemCodec.privateKeyPem(key, pkcs8)
        : Base64.getEncoder().encodeToString(PemCodec.privateKeyDer(key, pkcs8));
  }

  /**
   * Vault's answer for a new certificate: {@code certificate}, {@code issuing_ca}, {@code
   * ca_chain}, {@code serial_number}, {@code expiration}.
   */
  JsonObject certificateData(X509Certificate certificate, List<X509Certificate> issuerChain) {
    JsonArray chain = new JsonArray();
    issuerChain.forEach(c -> chain.add(encode(c)));
    return new JsonObject()
        .put("certificate", encode(certificate))
        .put("issuing_ca", encode(issuerChain.get(0)))
        .put("ca_chain", chain)
        .put("serial_number", SerialNumbers.colon(certificate.getSerialNumber()))
        .put("expiration", certificate.getNotAfter().toInstant().getEpochSecond());
  }
}
