package org.keyward.sys;

import java.util.Locale;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;

/**
 * The query parameters of {@code sys/health}, with Vault's defaults: which status code each state
 * answers with, and whether a standby may answer as active. Load balancers and Vault's Go client
 * set them (the client sends every {@code *code=299} so that it can read the body of any state).
 *
 * @param activeCode default 200
 * @param standbyCode default 429
 * @param sealedCode default 503
 * @param uninitCode default 501
 * @param perfStandbyCode default 473
 * @param drSecondaryCode default 472
 */
public record HealthQuery(
    boolean standbyOk,
    boolean perfStandbyOk,
    int activeCode,
    int standbyCode,
    int sealedCode,
    int uninitCode,
    int perfStandbyCode,
    int drSecondaryCode) {

  public static final HealthQuery DEFAULTS =
      new HealthQuery(false, false, 200, 429, 503, 501, 473, 472);

  /**
   * Reads the query of a health request.
   *
   * @throws ApiError 400 naming the parameter for a value that is not a boolean or a status code
   */
  public static HealthQuery from(RequestContext request) {
    return new HealthQuery(
        bool(request, "standbyok"),
        bool(request, "perfstandbyok"),
        code(request, "activecode", DEFAULTS.activeCode),
        code(request, "standbycode", DEFAULTS.standbyCode),
        code(request, "sealedcode", DEFAULTS.sealedCode),
        code(request, "uninitcode", DEFAULTS.uninitCode),
        code(request, "performancestandbycode", DEFAULTS.perfStandbyCode),
        code(request, "drsecondarycode", DEFAULTS.drSecondaryCode));
  }

  /**
   * The status for a node state, in Vault's order: uninitialised, sealed, standby, active. Keyward
   * has no performance standbys or DR secondaries, so their codes are validated but never chosen.
   */
  public int statusFor(boolean initialized, boolean sealed, boolean standby) {
    if (!initialized) {
      return uninitCode;
    }
    if (sealed) {
      return sealedCode;
    }
    if (standby && !standbyOk) {
      return standbyCode;
    }
    return activeCode;
  }

  /** Go's boolean spellings, as Vault parses them; a bare {@code ?standbyok} means true. */
  private static boolean bool(RequestContext request, String name) {
    String v = request.query(name);
    if (v == null) {
      return false;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "":
      case "1":
      case "t":
      case "true":
        return true;
      case "0":
      case "f":
      case "false":
        return false;
      default:
        throw ApiError.badRequest("bad value for " + name + " parameter: expected true or false");
    }
  }

  private static int code(RequestContext request, String name, int fallback) {
    String v = request.query(name);
    if (v == null) {
      return fallback;
    }
    try {
      int code = Integer.parseInt(v.trim());
      if (code >= 200 && code <= 599) {
        return code;
      }
    } catch (NumberFormatException e) {
      // falls through to the 400 below
    }
    throw ApiError.badRequest(
        "bad value for " + name + " parameter: expected a status code 200-599");
  }
}
