package org.keyward.auth.approle;

import java.util.Locale;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;

/** A role name from the path, lower-cased as Vault does, so {@code Web} and {@code web} are one. */
record RoleName(String value) {
  private static final Pattern VALID = Pattern.compile("[a-z0-9_.@-]{1,128}");

  RoleName {
    if (value == null || !VALID.matcher(value).matches()) {
      throw ApiError.badRequest(
          "invalid role name: use 1-128 letters, digits, '_', '.', '@' or '-'");
    }
  }

  static RoleName of(String raw) {
    return new RoleName(raw == null ? null : raw.toLowerCase(Locale.ROOT));
  }

  static RoleName from(RequestContext request) {
    return of(request.param("role_name"));
  }
}
