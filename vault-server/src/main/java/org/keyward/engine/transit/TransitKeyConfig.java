package org.keyward.engine.transit;

import io.vertx.core.json.JsonObject;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/** A {@code keys/:name/config} request; a null field leaves the setting as it is. */
record TransitKeyConfig(
    KeyName name,
    Integer minDecryptionVersion,
    Integer minEncryptionVersion,
    Boolean deletionAllowed,
    Boolean exportable,
    Boolean allowPlaintextBackup,
    Long autoRotatePeriodSeconds) {

  static TransitKeyConfig from(RequestContext request) {
    JsonObject body = request.body();
    return new TransitKeyConfig(
        new KeyName(request.param("name")),
        optionalVersion(body, "min_decryption_version"),
        optionalVersion(body, "min_encryption_version"),
        present(body, "deletion_allowed") ? Fields.bool(body, "deletion_allowed", false) : null,
        present(body, "exportable") ? Fields.bool(body, "exportable", false) : null,
        present(body, "allow_plaintext_backup")
            ? Fields.bool(body, "allow_plaintext_backup", false)
            : null,
        present(body, "auto_rotate_period")
            ? Fields.durationSeconds(body, "auto_rotate_period", 0)
            : null);
  }

  private static Integer optionalVersion(JsonObject body, String field) {
    if (!present(body, field)) {
      return null;
    }
    long v = Fields.integer(body, field, 0);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw ApiError.badRequest("field '" + field + "' must be a key version");
    }
    return (int) v;
  }

  // Clients such as Spring Vault send unset settings as JSON null: that means "leave as is".
  private static boolean present(JsonObject body, String field) {
    return body.getValue(field) != null;
  }
}
