package org.keyward.auth;

import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * The validated body of the token routes that name another token or an accessor ({@code lookup},
 * {@code renew}, {@code revoke}, {@code *-accessor}), or only an {@code increment} ({@code
 * renew-self}). {@code value} may be a token: {@link #toString()} never shows it.
 *
 * @param value the token or accessor; empty for the {@code -self} forms
 * @param increment seconds, 0 when not given
 */
public record TokenOperand(String value, long increment) {
  private static final TokenOperand NONE = new TokenOperand("", 0);

  public TokenOperand {
    if (value == null || value.length() > 512) {
      throw ApiError.badRequest("token or accessor is too long");
    }
    if (increment < 0) {
      throw ApiError.badRequest("field 'increment' must not be negative");
    }
  }

  public static TokenOperand none(RequestContext request) {
    return NONE;
  }

  public static TokenOperand token(RequestContext request) {
    return new TokenOperand(Fields.requiredString(request.body(), "token"), 0);
  }

  public static TokenOperand accessor(RequestContext request) {
    return new TokenOperand(Fields.requiredString(request.body(), "accessor"), 0);
  }

  public static TokenOperand renew(RequestContext request) {
    return new TokenOperand(Fields.requiredString(request.body(), "token"), increment(request));
  }

  public static TokenOperand renewSelf(RequestContext request) {
    return new TokenOperand("", increment(request));
  }

  private static long increment(RequestContext request) {
    return Fields.durationSeconds(request.body(), "increment", 0);
  }

  @Override
  public String toString() {
    return "TokenOperand[REDACTED, increment=" + increment + "]";
  }
}
