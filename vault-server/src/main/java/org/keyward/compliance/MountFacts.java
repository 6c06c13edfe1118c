package org.keyward.compliance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The {@link org.keyward.engine.ComplianceFacts} of every running mount of one type (engines, or
 * login methods under {@code auth/}), as the server's mount tables hold them.
 */
@FunctionalInterface
public interface MountFacts {
  /** One mount's facts; {@code path} with its trailing slash, e.g. {@code transit/}. */
  record Mounted(String path, JsonObject facts) {}

  Future<List<Mounted>> of(String type);
}
