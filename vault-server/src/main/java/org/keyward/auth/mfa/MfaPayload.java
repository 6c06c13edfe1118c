package org.keyward.auth.mfa;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keyward.http.ApiError;

/**
 * The passcodes a client offers, by method id: {@code mfa_payload} of {@code sys/mfa/validate}
 * ({@code {"<method id>": ["123456"]}}, a value may carry Vault's {@code passcode=} prefix) or the
 * inline {@code X-Vault-MFA: <method id>:<passcode>} header. Shape only; the codes are never
 * printed.
 */
final class MfaPayload {
  private MfaPayload() {}

  static Map<String, String> fromJson(JsonObject payload) {
    if (payload == null || payload.isEmpty()) {
      throw ApiError.badRequest("missing required field 'mfa_payload'");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : payload) {
      if (!(e.getValue() instanceof JsonArray codes)
          || codes.size() != 1
          || !(codes.getValue(0) instanceof String code)) {
        throw ApiError.badRequest("field 'mfa_payload' must map each method id to one passcode");
      }
      out.put(e.getKey(), strip(code));
    }
    return out;
  }

  static Map<String, String> fromHeader(String header) {
    int colon = header.lastIndexOf(':');
    if (colon <= 0) {
      throw ApiError.badRequest("X-Vault-MFA must be <method id>:<passcode>");
    }
    return Map.of(header.substring(0, colon).strip(), strip(header.substring(colon + 1)));
  }

  private static String strip(String code) {
    return code.startsWith("passcode=") ? code.substring("passcode=".length()) : code;
  }
}
