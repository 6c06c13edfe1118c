package org.keyward.engine.pki;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * Vault's {@code config/urls}: where relying parties find the issuing CA certificate, the CRL and
 * the OCSP responder. Written into every certificate issued afterwards (AIA and CDP extensions);
 * certificates issued before keep what they had. Each entry must be an absolute http, https or ldap
 * URL.
 */
record PkiUrls(
    List<String> issuingCertificates,
    List<String> crlDistributionPoints,
    List<String> ocspServers) {
  static final PkiUrls NONE = new PkiUrls(List.of(), List.of(), List.of());
  private static final int MAX_URLS = 16;

  PkiUrls {
    issuingCertificates = checked("issuing_certificates", issuingCertificates);
    crlDistributionPoints = checked("crl_distribution_points", crlDistributionPoints);
    ocspServers = checked("ocsp_servers", ocspServers);
  }

  static PkiUrls from(RequestContext request) {
    return fromJson(request.body());
  }

  static PkiUrls fromJson(JsonObject json) {
    return new PkiUrls(
        Fields.stringList(json, "issuing_certificates"),
        Fields.stringList(json, "crl_distribution_points"),
        Fields.stringList(json, "ocsp_servers"));
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("issuing_certificates", new JsonArray(issuingCertificates))
        .put("crl_distribution_points", new JsonArray(crlDistributionPoints))
        .put("ocsp_servers", new JsonArray(ocspServers))
        .put("enable_templating", false);
  }

  boolean isEmpty() {
    return issuingCertificates.isEmpty()
        && crlDistributionPoints.isEmpty()
        && ocspServers.isEmpty();
  }

  private static List<String> checked(String field, List<String> urls) {
    if (urls.size() > MAX_URLS) {
      throw ApiError.badRequest("field '" + field + "' holds more than " + MAX_URLS + " URLs");
    }
    for (String url : urls) {
      if (!isUrl(url)) {
        throw ApiError.badRequest(
            "field '" + field + "' holds an entry that is not an http, https or ldap URL");
      }
    }
    return List.copyOf(urls);
  }

  private static boolean isUrl(String text) {
    if (text == null || text.length() > 2048) {
      return false;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme();
      return uri.isAbsolute()
          && uri.getHost() != null
          && scheme != null
          && List.of("http", "https", "ldap").contains(scheme.toLowerCase(java.util.Locale.ROOT));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
