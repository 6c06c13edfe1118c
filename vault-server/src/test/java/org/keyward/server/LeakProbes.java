package org.keyward.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The requests {@link LogLeakIT} sends: every endpoint that takes a secret (carrying the canary) or
 * returns one (naming it with {@link Probe#returning}), and failures that carry the canary. Cert
 * login is not here: it sends no secret (the TLS handshake proves the key), and its token is the
 * same kind as AppRole's.
 */
final class LeakProbes {
  /** Not valid standard base64 (it has '-'), so a field expecting base64 refuses it with a 400. */
  static final String CANARY = "kw-canary-" + UUID.randomUUID().toString().replace("-", "");

  static final String B64_CANARY = b64(CANARY);
  private static final String ROOT = VaultTestServer.ROOT;

  private LeakProbes() {}

  /** One request of the table; {@code returned} picks a secret out of the answer, or is null. */
  record Probe(
      String name,
      String method,
      String path,
      String token,
      Map<String, String> headers,
      String body,
      int status,
      Function<JsonObject, String> returned) {

    static Probe of(
        String name, String method, String path, String token, Object body, int status) {
      return new Probe(name, method, path, token, Map.of(), text(body), status, null);
    }

    Probe returning(Function<JsonObject, String> secret) {
      return new Probe(name, method, path, token, headers, body, status, secret);
    }

    Probe header(String name, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(name, value);
      return new Probe(this.name, method, path, token, all, body, status, returned);
    }

    private static String text(Object body) {
      return body == null ? null : body instanceof JsonObject j ? j.encode() : body.toString();
    }
  }

  /**
   * What the probes need that setting up made: a token with only {@code default}, and an AppRole
   * role's id with one secret id.
   */
  record Setup(String userToken, String roleId, String secretId) {}

  /** The table: one line per request. */
  static List<Probe> all(Setup s) {
    JsonObject password = new JsonObject().put("data", new JsonObject().put("password", CANARY));
    String policyWithCanary =
        "# owner: " + CANARY + "\npath \"secret/data/leak/*\" {\n  capabilities = [\"read\"]\n}\n";
    return List.of(
        // kv v2: write, patch, read, custom metadata
        Probe.of("kv write", "POST", "secret/data/leak/kv", ROOT, password, 200),
        Probe.of(
                "kv patch",
                "PATCH",
                "secret/data/leak/kv",
                ROOT,
                new JsonObject().put("data", new JsonObject().put("pin", CANARY)),
                200)
            .header("Content-Type", "application/merge-patch+json"),
        Probe.of("kv read", "GET", "secret/data/leak/kv", ROOT, null, 200),
        Probe.of("kv subkeys", "GET", "secret/subkeys/leak/kv", ROOT, null, 200),
        Probe.of(
            "kv custom_metadata write",
            "POST",
            "secret/metadata/leak/kv",
            ROOT,
            new JsonObject().put("custom_metadata", new JsonObject().put("owner", CANARY)),
            204),
        Probe.of("kv metadata read", "GET", "secret/metadata/leak/kv", ROOT, null, 200),
        // transit: every field that carries caller data
        Probe.of(
            "transit encrypt",
            "POST",
            "transit/encrypt/leak-aead",
            ROOT,
            new JsonObject().put("plaintext", B64_CANARY).put("associated_data", B64_CANARY),
            200),
        Probe.of(
            "transit encrypt derived",
            "POST",
            "transit/encrypt/leak-derived",
            ROOT,
            new JsonObject().put("plaintext", B64_CANARY).put("context", B64_CANARY),
            200),
        Probe.of(
                "transit datakey",
                "POST",
                "transit/datakey/plaintext/leak-derived",
                ROOT,
                new JsonObject().put("context", B64_CANARY),
                200)
            .returning(r -> r.getJsonObject("data").getString("plaintext")),
        Probe.of(
            "transit hmac",
            "POST",
            "transit/hmac/leak-aead",
            ROOT,
            new JsonObject().put("input", B64_CANARY),
            200),
        Probe.of(
            "transit sign",
            "POST",
            "transit/sign/leak-sign",
            ROOT,
            new JsonObject().put("input", B64_CANARY),
            200),
        Probe.of(
            "transit batch encrypt",
            "POST",
            "transit/encrypt/leak-aead",
            ROOT,
            new JsonObject()
                .put(
                    "batch_input",
                    new JsonArray().add(new JsonObject().put("plaintext", B64_CANARY))),
            200),
        // pki: the private key comes back in the answer
        Probe.of(
                "pki issue",
                "POST",
                "pki/issue/leak",
                ROOT,
                new JsonObject().put("common_name", "olt-1.example.org"),
                200)
            .returning(r -> pemBody(r.getJsonObject("data").getString("private_key"))),
        // tokens: the token itself is a secret, its accessor is not
        Probe.of(
                "token create",
                "POST",
                "auth/token/create",
                ROOT,
                new JsonObject().put("policies", new JsonArray().add("default")),
                200)
            .returning(r -> r.getJsonObject("auth").getString("client_token")),
        Probe.of("token lookup-self", "GET", "auth/token/lookup-self", s.userToken, null, 200),
        Probe.of(
            "token lookup",
            "POST",
            "auth/token/lookup",
            ROOT,
            new JsonObject().put("token", s.userToken),
            200),
        Probe.of(
            "token renew",
            "POST",
            "auth/token/renew",
            ROOT,
            new JsonObject().put("token", s.userToken),
            200),
        // AppRole: secret ids and the login token
        Probe.of(
                "approle secret-id",
                "POST",
                "auth/approle/role/leak/secret-id",
                ROOT,
                new JsonObject(),
                200)
            .returning(r -> r.getJsonObject("data").getString("secret_id")),
        Probe.of(
            "approle secret-id lookup",
            "POST",
            "auth/approle/role/leak/secret-id/lookup",
            ROOT,
            new JsonObject().put("secret_id", s.secretId),
            200),
        Probe.of(
                "approle login",
                "POST",
                "auth/approle/login",
                null,
                new JsonObject().put("role_id", s.roleId).put("secret_id", s.secretId),
                200)
            .returning(r -> r.getJsonObject("auth").getString("client_token")),
        Probe.of(
            "approle login with the canary",
            "POST",
            "auth/approle/login",
            null,
            new JsonObject().put("role_id", s.roleId).put("secret_id", CANARY),
            400),
        // policies and the audit hash
        Probe.of(
            "policy write",
            "PUT",
            "sys/policies/acl/leak",
            ROOT,
            new JsonObject().put("policy", policyWithCanary),
            204),
        Probe.of("policy read", "GET", "sys/policies/acl/leak", ROOT, null, 200),
        Probe.of(
            "audit hash",
            "POST",
            "sys/audit-hash/file",
            ROOT,
            new JsonObject().put("input", CANARY),
            200),
        // failures that carry the canary
        Probe.of(
            "bad JSON",
            "POST",
            "secret/data/leak/bad",
            ROOT,
            "{\"data\":{\"password\":\"" + CANARY + "\"",
            400),
        Probe.of("denied by policy", "POST", "secret/data/leak/denied", s.userToken, password, 403),
        Probe.of("canary as token", "GET", "secret/data/leak/kv", CANARY, null, 403),
        Probe.of("canary as bearer", "GET", "secret/data/leak/kv", null, null, 403)
            .header("Authorization", "Bearer " + CANARY),
        Probe.of(
            "kv data not an object",
            "POST",
            "secret/data/leak/bad",
            ROOT,
            new JsonObject().put("data", CANARY),
            400),
        Probe.of("kv bad version", "GET", "secret/data/leak/kv?version=" + CANARY, ROOT, null, 400),
        Probe.of(
            "transit plaintext not base64",
            "POST",
            "transit/encrypt/leak-aead",
            ROOT,
            new JsonObject().put("plaintext", CANARY),
            400),
        Probe.of(
            "transit bad ciphertext",
            "POST",
            "transit/decrypt/leak-aead",
            ROOT,
            new JsonObject().put("ciphertext", "vault:v1:" + CANARY),
            400),
        Probe.of(
            "token with custom id",
            "POST",
            "auth/token/create",
            ROOT,
            new JsonObject().put("id", CANARY),
            400),
        Probe.of(
            "token lookup of the canary",
            "POST",
            "auth/token/lookup",
            ROOT,
            new JsonObject().put("token", CANARY),
            403),
        Probe.of(
            "policy that does not parse",
            "PUT",
            "sys/policies/acl/leak-bad",
            ROOT,
            new JsonObject().put("policy", "# " + CANARY + "\npath \"secret/x\" {\n"),
            400),
        Probe.of(
            "audit hash of an unknown device",
            "POST",
            "sys/audit-hash/nope",
            ROOT,
            new JsonObject().put("input", CANARY),
            400));
  }

  /**
   * The canary as raw text, hex in both cases, and base64 (standard and URL-safe) at each of the
   * three byte alignments it can have inside a longer encoded value; for those only the characters
   * that do not depend on the neighbouring bytes are kept.
   */
  static List<String> spellings(String canary) {
    byte[] bytes = canary.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    out.add(canary);
    out.add(HexFormat.of().formatHex(bytes));
    out.add(HexFormat.of().withUpperCase().formatHex(bytes));
    for (int shift = 0; shift < 3; shift++) {
      byte[] shifted = new byte[shift + bytes.length];
      System.arraycopy(bytes, 0, shifted, shift, bytes.length);
      String std = Base64.getEncoder().withoutPadding().encodeToString(shifted);
      // Skip the characters mixed with the unknown leading bytes and the last, partial group.
      int from = shift == 0 ? 0 : 4;
      int to = (shifted.length / 3) * 4;
      String stable = std.substring(from, to);
      out.add(stable);
      out.add(stable.replace('+', '-').replace('/', '_'));
    }
    return out;
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The longest line inside a PEM block: base64 of the key, unique to it. */
  static String pemBody(String pem) {
    return pem.lines()
        .filter(l -> !l.startsWith("-----"))
        .max((a, b) -> Integer.compare(a.length(), b.length()))
        .orElseThrow();
  }
}
