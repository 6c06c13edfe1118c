package org.keyward.engine.pki;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The mount's issuing CA: the custody name of its key, its certificate and the chain above it (its
 * parents, nearest first; empty for a root). Holds no private key material.
 */
record IssuerRecord(
    String keyName, CaKeyType keyType, X509Certificate certificate, List<X509Certificate> parents) {
  IssuerRecord {
    parents = List.copyOf(parents);
  }

  /** The issuer and its parents, nearest first: Vault's {@code ca_chain}. */
  List<X509Certificate> chain() {
    List<X509Certificate> out = new ArrayList<>();
    out.add(certificate);
    out.addAll(parents);
    return out;
  }

  JsonObject toJson() {
    JsonArray chain = new JsonArray();
    parents.forEach(p -> chain.add(PemCodec.pem(p)));
    return new JsonObject()
        .put("key_name", keyName)
        .put("key_type", keyType.name())
        .put("certificate", PemCodec.pem(certificate))
        .put("parents", chain);
  }

  static IssuerRecord fromJson(JsonObject json) {
    List<X509Certificate> parents = new ArrayList<>();
    for (Object pem : json.getJsonArray("parents")) {
      parents.add(PemCodec.certificate((String) pem));
    }
    return new IssuerRecord(
        json.getString("key_name"),
        CaKeyType.valueOf(json.getString("key_type")),
        PemCodec.certificate(json.getString("certificate")),
        parents);
  }
}
