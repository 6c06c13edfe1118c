package org.keyward.auth;

import io.vertx.core.json.JsonObject;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keyward.http.OperationKind;
import org.keyward.http.RequestContext;

/** Request contexts for calling decoders and login routes directly in unit tests. */
public final class TestRequests {
  private TestRequests() {}

  /** A write to {@code auth/token/create} with {@code body}. */
  static RequestContext withBody(JsonObject body) {
    return write("auth/token/", "create", Map.of(), body);
  }

  public static RequestContext write(
      String mountPath, String rest, Map<String, String> params, JsonObject body) {
    return write(mountPath, rest, params, body, List.of());
  }

  public static RequestContext write(
      String mountPath,
      String rest,
      Map<String, String> params,
      JsonObject body,
      List<X509Certificate> peerChain) {
    return RequestContext.builder(UUID.randomUUID().toString(), OperationKind.WRITE)
        .path(mountPath + rest)
        .mount(mountPath)
        .params(params)
        .body(body)
        .remoteAddress("127.0.0.1")
        .peerCertificates(() -> peerChain)
        .build();
  }
}
