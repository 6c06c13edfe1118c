package org.keyward.auth.cert;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/** Decoders of the cert paths: shape only (the PEM is parsed, nothing is read from storage). */
final class CertRoleRequests {
  private CertRoleRequests() {}

  /** {@code POST certs/:name}: a whole role, replacing any previous one of that name. */
  static CertRole write(RequestContext request) {
    JsonObject b = request.body();
    for (String unsupported : List.of("required_extensions", "allowed_metadata_extensions")) {
      if (!Fields.stringList(b, unsupported).isEmpty()) {
        throw ApiError.badRequest("field '" + unsupported + "' is not supported by this server");
      }
    }
    List<String> policies =
        b.containsKey("token_policies")
            ? Fields.stringList(b, "token_policies")
            : Fields.stringList(b, "policies");
    return new CertRole(
        request.param("name"),
        Fields.requiredString(b, "certificate"),
        Fields.stringList(b, "allowed_common_names"),
        Fields.stringList(b, "allowed_dns_sans"),
        Fields.stringList(b, "allowed_email_sans"),
        Fields.stringList(b, "allowed_uri_sans"),
        Fields.stringList(b, "allowed_organizational_units"),
        Fields.string(b, "display_name", ""),
        policies.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList(),
        Fields.durationSeconds(b, "token_ttl", 0),
        Fields.durationSeconds(b, "token_max_ttl", 0),
        CertOcspSettings.from(b));
  }

  /** A role name from the path; validated like {@link CertRole#name()}. */
  record CertName(String value) {
    CertName {
      if (value == null || !value.matches("[A-Za-z0-9_.@-]{1,128}")) {
        throw ApiError.badRequest("invalid certificate role name");
      }
    }

    static CertName from(RequestContext request) {
      return new CertName(request.param("name"));
    }
  }

  /** {@code POST login}: only the optional role name; the identity comes from the TLS session. */
  record Login(CertName role) {
    static Login from(RequestContext request) {
      String name = Fields.string(request.body(), "name", "");
      return new Login(name.isEmpty() ? null : new CertName(name));
    }
  }
}
