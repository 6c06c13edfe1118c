package org.keyward.engine.kv;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Secret values the tests store: a whole device parameter set and simple passwords. */
final class TestSecrets {
  private TestSecrets() {}

  /** A device's parameters as orchestrators store them: nested objects, arrays, numbers, nulls. */
  static JsonObject deviceParameters() {
    return new JsonObject()
        .put("hostname", "olt-17.site-a")
        .put(
            "snmp",
            new JsonObject()
                .put("version", "v3")
                .put("community", "pr1v-c0mm\"unity")
                .put(
                    "v3",
                    new JsonObject()
                        .put("user", "nms")
                        .put("auth_protocol", "SHA-256")
                        .put("auth_key", "a-Very$ecret/Key")
                        .put("priv_protocol", "AES-128")
                        .put("priv_key", "\u00e9\u00e8\u00ea-priv \u2603")))
        .put(
            "ssh",
            new JsonObject()
                .put("username", "admin")
                .put("password", "s3cr3t!")
                .put("enable_secret", "en@ble")
                .put("port", 22)
                .put("host_keys", new JsonArray().add("ssh-ed25519 AAAAC3Nz").add("ssh-rsa AAAAB3"))
                .put("legacy", false))
        .put(
            "radius",
            new JsonObject()
                .put("shared_key", "rad-key")
                .put("servers", new JsonArray().add("10.0.0.1").add("10.0.0.2"))
                .put("timeout_seconds", 2.5)
                .put("secondary", null));
  }

  static JsonObject password(String value) {
    return new JsonObject().put("password", value);
  }
}
