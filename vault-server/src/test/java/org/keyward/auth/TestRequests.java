package org.keyward.auth;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keyward.http.OperationKind;
import org.keyward.http.RequestContext;

/** Request contexts for decoder tests, without a server. */
final class TestRequests {
  private TestRequests() {}

  static RequestContext withBody(JsonObject body) {
    return new RequestContext(
        "test",
        OperationKind.WRITE,
        "auth/token/create",
        "auth/token/",
        Map.of(),
        MultiMap.caseInsensitiveMultiMap(),
        body,
        Optional.empty(),
        "127.0.0.1",
        List.of());
  }
}
