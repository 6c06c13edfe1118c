package org.keyward.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One API call before it is sent: method, path under {@code /v1/}, optional JSON body, whether it
 * may be retried (only calls that change nothing, or change it to the same end state, are), and
 * whether it is sent without a token (logins, public PKI reads). Its {@code toString()} omits the
 * body, which may hold secrets.
 */
record VaultCall(
    String method,
    String path,
    JsonNode body,
    boolean idempotent,
    boolean anonymous,
    SecretString token) {
  VaultCall(String method, String path, JsonNode body, boolean idempotent, boolean anonymous) {
    this(method, path, body, idempotent, anonymous, null);
  }

  static VaultCall read(String path) {
    return new VaultCall("GET", path, null, true, false);
  }

  static VaultCall list(String path) {
    return new VaultCall("LIST", path, null, true, false);
  }

  static VaultCall delete(String path) {
    return new VaultCall("DELETE", path, null, true, false);
  }

  /** A POST that is not retried (it creates something, or changes state each time). */
  static VaultCall write(String path, JsonNode body) {
    return new VaultCall("POST", path, body, false, false);
  }

  /** A POST whose repetition ends in the same state, or that changes nothing (encrypt, verify). */
  static VaultCall idempotentWrite(String path, JsonNode body) {
    return new VaultCall("POST", path, body, true, false);
  }

  static VaultCall patch(String path, JsonNode body) {
    return new VaultCall("PATCH", path, body, false, false);
  }

  VaultCall withoutToken() {
    return new VaultCall(method, path, body, idempotent, true, null);
  }

  /** Sent with {@code token} rather than the session's (token login, renewing a given token). */
  VaultCall withToken(SecretString token) {
    return new VaultCall(method, path, body, idempotent, false, token);
  }

  /** How the call is named in errors: method and path, never the body. */
  String describe() {
    return method + " " + path;
  }

  @Override
  public String toString() {
    return "VaultCall[" + describe() + "]";
  }
}
