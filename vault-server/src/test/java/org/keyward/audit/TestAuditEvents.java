package org.keyward.audit;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;
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
    return new RequestContext(
        UUID.randomUUID().toString(),
        OperationKind.WRITE,
        "secret/data/" + path,
        "secret/",
        Map.of("path", path),
        MultiMap.caseInsensitiveMultiMap(),
        body,
        Optional.of(new ClientToken(token)),
        "127.0.0.1",
        List.of());
  }

  static RequestContext kvRead(String path) {
    return new RequestContext(
        UUID.randomUUID().toString(),
        OperationKind.READ,
        "secret/data/" + path,
        "secret/",
        Map.of("path", path),
        MultiMap.caseInsensitiveMultiMap(),
        new JsonObject(),
        Optional.empty(),
        "127.0.0.1",
        List.of());
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
    return new RequestContext(
        UUID.randomUUID().toString(),
        kind,
        "sys/" + path,
        "sys/",
        params,
        MultiMap.caseInsensitiveMultiMap(),
        body,
        Optional.of(new ClientToken("root-token")),
        "127.0.0.1",
        List.of());
  }
}
