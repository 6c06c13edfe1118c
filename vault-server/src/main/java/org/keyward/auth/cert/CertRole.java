package org.keyward.auth.cert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;

/**
 * One trusted certificate role of a cert mount: the certificate a client's chain must lead to (a CA
 * certificate, or a leaf pinned byte for byte), the names the leaf may carry (globs with {@code *},
 * empty for any), the token it grants and its OCSP options. Immutable; validated on construction.
 *
 * @param certificatePem exactly one PEM certificate, as given
 */
record CertRole(
    String name,
    String certificatePem,
    List<String> allowedCommonNames,
    List<String> allowedDnsSans,
    List<String> allowedEmailSans,
    List<String> allowedUriSans,
    List<String> allowedOrganizationalUnits,
    String displayName,
    List<String> tokenPolicies,
    long tokenTtl,
    long tokenMaxTtl,
    CertOcspSettings ocsp) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,128}");

  CertRole {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiError.badRequest(
          "invalid certificate role name: use 1-128 letters, digits, '_', '.', '@' or '-'");
    }
    parse(certificatePem);
    allowedCommonNames = List.copyOf(allowedCommonNames);
    allowedDnsSans = List.copyOf(allowedDnsSans);
    allowedEmailSans = List.copyOf(allowedEmailSans);
    allowedUriSans = List.copyOf(allowedUriSans);
    allowedOrganizationalUnits = List.copyOf(allowedOrganizationalUnits);
    tokenPolicies = List.copyOf(tokenPolicies);
    displayName = displayName == null || displayName.isEmpty() ? name : displayName;
    if (tokenTtl < 0 || tokenMaxTtl < 0) {
      throw ApiError.badRequest("token_ttl and token_max_ttl must not be negative");
    }
    if (tokenMaxTtl > 0 && tokenTtl > tokenMaxTtl) {
      throw ApiError.badRequest("\"token_ttl\" value must be less than \"token_max_ttl\" value");
    }
    ocsp = ocsp == null ? CertOcspSettings.DISABLED : ocsp;
  }

  /** A role that asks no OCSP responder. */
  CertRole(
      String name,
      String certificatePem,
      List<String> allowedCommonNames,
      List<String> allowedDnsSans,
      List<String> allowedEmailSans,
      List<String> allowedUriSans,
      List<String> allowedOrganizationalUnits,
      String displayName,
      List<String> tokenPolicies,
      long tokenTtl,
      long tokenMaxTtl) {
    this(
        name,
        certificatePem,
        allowedCommonNames,
        allowedDnsSans,
        allowedEmailSans,
        allowedUriSans,
        allowedOrganizationalUnits,
        displayName,
        tokenPolicies,
        tokenTtl,
        tokenMaxTtl,
        CertOcspSettings.DISABLED);
  }

  /** The trusted certificate, parsed; a fresh object each call. */
  X509Certificate certificate() {
    return parse(certificatePem);
  }

  private static X509Certificate parse(String pem) {
    if (pem == null || pem.isBlank()) {
      throw ApiError.badRequest("missing required field 'certificate'");
    }
    Collection<? extends java.security.cert.Certificate> all;
    try {
      all =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException | RuntimeException e) {
      throw ApiError.badRequest("field 'certificate' is not a PEM X.509 certificate");
    }
    if (all.size() != 1 || !(all.iterator().next() instanceof X509Certificate x)) {
      throw ApiError.badRequest("field 'certificate' must hold exactly one PEM certificate");
    }
    return x;
  }

  JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("name", name)
            .put("certificate", certificatePem)
            .put("allowed_common_names", new JsonArray(allowedCommonNames))
            .put("allowed_dns_sans", new JsonArray(allowedDnsSans))
            .put("allowed_email_sans", new JsonArray(allowedEmailSans))
            .put("allowed_uri_sans", new JsonArray(allowedUriSans))
            .put("allowed_organizational_units", new JsonArray(allowedOrganizationalUnits))
            .put("display_name", displayName)
            .put("token_policies", new JsonArray(tokenPolicies))
            .put("token_ttl", tokenTtl)
            .put("token_max_ttl", tokenMaxTtl);
    ocsp.putInto(json);
    return json;
  }

  static CertRole fromJson(JsonObject j) {
    return new CertRole(
        j.getString("name"),
        j.getString("certificate"),
        j.getJsonArray("allowed_common_names").getList(),
        j.getJsonArray("allowed_dns_sans").getList(),
        j.getJsonArray("allowed_email_sans").getList(),
        j.getJsonArray("allowed_uri_sans").getList(),
        j.getJsonArray("allowed_organizational_units").getList(),
        j.getString("display_name"),
        j.getJsonArray("token_policies").getList(),
        j.getLong("token_ttl"),
        j.getLong("token_max_ttl"),
        CertOcspSettings.from(j));
  }

  /** The {@code GET certs/:name} answer: the stored form plus Vault's legacy {@code policies}. */
  JsonObject toPublicJson() {
    JsonObject j = toJson();
    j.remove("name");
    return j.put("policies", new JsonArray(tokenPolicies));
  }
}
