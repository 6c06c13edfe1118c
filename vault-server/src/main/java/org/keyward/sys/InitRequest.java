package org.keyward.sys;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * A {@code PUT sys/init} body as Vault takes it for an HSM seal. The recovery key is one share:
 * {@code recovery_shares} and {@code recovery_threshold} may be given only as 1. The unseal-key
 * fields ({@code secret_shares}, {@code secret_threshold}, {@code stored_shares}) do not apply to
 * an HSM seal and are ignored, as Vault ignores them for auto-unseal. PGP-encrypted shares are not
 * offered.
 */
record InitRequest() {
  static InitRequest from(RequestContext request) {
    JsonObject body = request.body();
    if (Fields.integer(body, "recovery_shares", 1) != 1
        || Fields.integer(body, "recovery_threshold", 1) != 1) {
      throw ApiError.badRequest(
          "recovery_shares and recovery_threshold must be 1: the recovery key is a single key");
    }
    for (String field : List.of("pgp_keys", "recovery_pgp_keys")) {
      if (!Fields.stringList(body, field).isEmpty()) {
        throw ApiError.badRequest(field + " is not supported");
      }
    }
    return new InitRequest();
  }
}
