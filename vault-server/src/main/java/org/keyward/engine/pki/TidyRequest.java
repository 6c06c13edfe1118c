package org.keyward.engine.pki;

import io.vertx.core.json.JsonObject;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * A {@code tidy} request: remove certificates (all, or only revoked ones) that expired more than
 * {@code safety_buffer} ago (default 72 h, as Vault).
 */
record TidyRequest(boolean tidyCertStore, boolean tidyRevokedCerts, long safetyBufferSeconds) {
  static final long DEFAULT_SAFETY_BUFFER = 72 * 3600L;

  static TidyRequest from(RequestContext request) {
    JsonObject body = request.body();
    TidyRequest tidy =
        new TidyRequest(
            Fields.bool(body, "tidy_cert_store", false),
            Fields.bool(body, "tidy_revoked_certs", false),
            Fields.durationSeconds(body, "safety_buffer", DEFAULT_SAFETY_BUFFER));
    if (!tidy.tidyCertStore() && !tidy.tidyRevokedCerts()) {
      throw ApiError.badRequest(
          "at least one of 'tidy_cert_store' and 'tidy_revoked_certs' must be true");
    }
    return tidy;
  }
}
