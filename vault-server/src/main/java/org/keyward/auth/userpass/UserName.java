package org.keyward.auth.userpass;

import java.util.Locale;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;

/**
 * A user name from the path, lower-cased as Vault's userpass does, so {@code Ann} is {@code ann}.
 */
record UserName(String value) {
  private static final Pattern VALID = Pattern.compile("[a-z0-9_.@-]{1,128}");

  UserName {
    if (value == null || !VALID.matcher(value).matches()) {
      throw ApiError.badRequest(
          "invalid username: use 1-128 letters, digits, '_', '.', '@' or '-'");
    }
  }

  static UserName from(RequestContext request) {
    String raw = request.param("username");
    return new UserName(raw.toLowerCase(Locale.ROOT));
  }
}
