package org.keyward.auth.cert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;

/**
 * A cert role's OCSP options, Vault's names: {@code ocsp_enabled}; {@code ocsp_ca_certificates},
 * PEM certificates that may sign responses besides the leaf's issuer (delegated responders); {@code
 * ocsp_servers_override}, URLs asked instead of the leaf's AIA; {@code ocsp_fail_open}, let a login
 * through when no responder gives an answer (logged); {@code ocsp_query_all_servers}, ask every
 * server and accept only if all say good. Immutable; validated on construction.
 */
record CertOcspSettings(
    boolean enabled,
    String caCertificatesPem,
    List<String> serversOverride,
    boolean failOpen,
    boolean queryAllServers) {
  static final CertOcspSettings DISABLED = new CertOcspSettings(false, "", List.of(), false, false);

  CertOcspSettings {
    caCertificatesPem = caCertificatesPem == null ? "" : caCertificatesPem;
    serversOverride = List.copyOf(serversOverride);
    parse(caCertificatesPem);
    for (String url : serversOverride) {
      if (!isHttpUrl(url)) {
        throw ApiError.badRequest(
            "field 'ocsp_servers_override' holds an entry that is not an http(s) URL");
      }
    }
  }

  static CertOcspSettings from(JsonObject body) {
    return new CertOcspSettings(
        Fields.bool(body, "ocsp_enabled", false),
        Fields.string(body, "ocsp_ca_certificates", ""),
        Fields.stringList(body, "ocsp_servers_override"),
        Fields.bool(body, "ocsp_fail_open", false),
        Fields.bool(body, "ocsp_query_all_servers", false));
  }

  /** The extra response signers, parsed; empty when none are set. */
  List<X509Certificate> caCertificates() {
    return parse(caCertificatesPem);
  }

  void putInto(JsonObject json) {
    json.put("ocsp_enabled", enabled)
        .put("ocsp_ca_certificates", caCertificatesPem)
        .put("ocsp_servers_override", new JsonArray(serversOverride))
        .put("ocsp_fail_open", failOpen)
        .put("ocsp_query_all_servers", queryAllServers);
  }

  private static List<X509Certificate> parse(String pem) {
    if (pem == null || pem.isBlank()) {
      return List.of();
    }
    try {
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw ApiError.badRequest("field 'ocsp_ca_certificates' holds no PEM certificate");
      }
      return out;
    } catch (CertificateException | RuntimeException e) {
      if (e instanceof ApiError api) {
        throw api;
      }
      throw ApiError.badRequest("field 'ocsp_ca_certificates' is not PEM X.509 certificates");
    }
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      return uri.getHost() != null
          && ("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()));
    } catch (java.net.URISyntaxException | NullPointerException e) {
      return false;
    }
  }
}
