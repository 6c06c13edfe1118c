package org.keyward.engine;

import io.vertx.core.Future;
import java.util.List;
import org.keyward.http.Operation;

/**
 * What is mounted at a path: a secrets engine (kv, transit, pki) or an auth method (userpass,
 * approle, cert), both held by a mount table. It lists every path it serves in {@link
 * #operations()}, in one place, and reaches data only through its {@link BackendContext}.
 */
public interface MountedBackend {
  /** Patterns are relative to the mount; the first matching pattern of the request's kind wins. */
  List<Operation<?>> operations();

  /** Starts background work (auto-rotation, tidy); called once the barrier is unsealed. */
  default Future<Void> start() {
    return Future.succeededFuture();
  }

  /** Stops background work; called on seal, unmount and shutdown. */
  default void stop() {}
}
