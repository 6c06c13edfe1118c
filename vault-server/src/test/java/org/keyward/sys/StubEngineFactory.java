package org.keyward.sys;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.keyward.engine.BackendContext;
import org.keyward.engine.BackendFactory;
import org.keyward.engine.MountedBackend;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.VaultResponse;

/**
 * An engine of any type that stores {@code data/*path} bodies in its view and counts starts and
 * stops, so mount-table tests can see routing, data placement and lifecycle.
 */
final class StubEngineFactory implements BackendFactory {
  private final String type;
  final AtomicInteger started = new AtomicInteger();
  final AtomicInteger stopped = new AtomicInteger();

  StubEngineFactory(String type) {
    this.type = type;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public MountedBackend create(BackendContext context) {
    return new MountedBackend() {
      @Override
      public List<Operation<?>> operations() {
        return List.of(
            Operation.write(
                "data/*path",
                request -> request.param("path"),
                (path, request) ->
                    context
                        .storage()
                        .put(path, request.body().toBuffer().getBytes())
                        .map(v -> VaultResponse.noContent())),
            Operation.read(
                "data/*path",
                request -> request.param("path"),
                (path, request) ->
                    context
                        .storage()
                        .get(path)
                        .map(v -> v.orElseThrow(ApiError::notFound))
                        .map(
                            bytes ->
                                VaultResponse.data(
                                    new JsonObject()
                                        .put("mount", context.mount().path())
                                        .put(
                                            "value", new String(bytes, StandardCharsets.UTF_8))))));
      }

      @Override
      public Future<Void> start() {
        started.incrementAndGet();
        return Future.succeededFuture();
      }

      @Override
      public void stop() {
        stopped.incrementAndGet();
      }
    };
  }
}
