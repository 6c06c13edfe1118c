package org.keyward.engine.pki;

import java.util.regex.Pattern;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;

/** A role name from the path: letters, digits, {@code _ . -}, up to 128 characters. */
record RoleName(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  RoleName {
    if (value == null || !VALID.matcher(value).matches()) {
      throw ApiError.badRequest("role name must match " + VALID.pattern());
    }
  }

  static RoleName from(RequestContext request) {
    return new RoleName(request.param("role"));
  }
}
