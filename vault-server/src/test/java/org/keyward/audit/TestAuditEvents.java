package org.keyward.audit;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.keyward.http.ClientToken;
import org.keyward.http.OperationKind;
import org.keyward.http.RequestContext;

/** Requests and events for audit tests. */
final class TestAuditEvents {
  private TestAuditEvents() {}

  /** A KV write of {@code body} by a caller with {@code token}. */
  static RequestContext kvWrite(String path, JsonObject body, String token) {
    return RequestContext.builder(UUID.randomUUID().toString(), OperationKind.WRITE)
        .path("secret/data/" + path)
        .mount("secret/")
        .params(Map.of("path", path))
        .body(body)
        .token(Optional.of(new ClientToken(token)))
        .remoteAddress("127.0.0.1")
        .build();
  }

  static RequestContext kvRead(String path) {
    return RequestContext.builder(UUID.randomUUID().toString(), OperationKind.READ)
        .path("secret/data/" + path)
        .mount("secret/")
        .params(Map.of("path", path))
        .remoteAddress("127.0.0.1")
        .build();
  }

  /** The n-th of a series of distinct request events. */
  static AuditEvent numbered(int n) {
    return AuditEvent.request(
        kvWrite("devices/olt-" + n, new JsonObject().put("password", "pw-" + n), "tok-" + n),
        org.keyward.http.Authorizer.Decision.allow("policy devices"));
  }

  /** A {@code sys/} request with path parameters and a body. */
  static RequestContext sys(
      OperationKind kind, String path, Map<String, String> params, JsonObject body) {
    return RequestContext.builder(UUID.randomUUID().toString(), kind)
        .path("sys/" + path)
        .mount("sys/")
        .params(params)
        .body(body)
        .token(Optional.of(new ClientToken("root-token")))
        .remoteAddress("127.0.0.1")
        .build();
  }
}
