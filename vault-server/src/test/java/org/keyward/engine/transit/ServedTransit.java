package org.keyward.engine.transit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.keyward.testing.PipelineHarness;
import org.keyward.testing.PipelineHarness.Response;
import org.keyward.view.InMemoryStorageView;

/**
 * The fixture the transit ITs share: a transit engine over fresh in-memory storage, served for each
 * test by {@link TransitRequests#serve} (root token, no audit) and closed after it.
 */
abstract class ServedTransit {
  final InMemoryStorageView storage = new InMemoryStorageView();
  PipelineHarness server;

  @BeforeEach
  final void serveTransit() {
    server = TransitRequests.serve(storage, TransitEngine.DEFAULT_ROTATE_AFTER_ENCRYPTIONS);
  }

  @AfterEach
  final void closeTransit() {
    server.close();
  }

  /** Creates key {@code name} with {@code body}; fails the test unless it is a 200. */
  JsonObject createKey(String name, JsonObject body) {
    Response r = server.post("transit/keys/" + name, body);
    assertEquals(200, r.status(), r.body().encode());
    return r.body();
  }
}
