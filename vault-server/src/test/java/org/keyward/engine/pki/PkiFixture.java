package org.keyward.engine.pki;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import org.keyward.testing.PipelineHarness;
import org.keyward.view.InMemoryStorageView;

/**
 * What the pki HTTP tests serve through the {@link PipelineHarness}: two {@link PkiEngine}s, at
 * {@code pki/} (root) and {@code pki_int/} (intermediate), each over its own {@link
 * InMemoryStorageView} and one {@link JdkCaKeyCustody}; and the calls those tests share.
 */
record PkiFixture(
    JdkCaKeyCustody custody,
    InMemoryStorageView rootStorage,
    InMemoryStorageView intStorage,
    PkiEngine rootEngine,
    PkiEngine intEngine) {

  static PkiFixture create(Vertx vertx, Clock clock) {
    JdkCaKeyCustody custody = new JdkCaKeyCustody();
    InMemoryStorageView rootStorage = new InMemoryStorageView();
    InMemoryStorageView intStorage = new InMemoryStorageView();
    return new PkiFixture(
        custody,
        rootStorage,
        intStorage,
        new PkiEngine(vertx, rootStorage, custody, clock),
        new PkiEngine(vertx, intStorage, custody, clock));
  }

  /** Both engines behind a started harness (root token, {@code ROOT_ONLY} ACLs, no audit). */
  PipelineHarness serve(Vertx vertx) {
    return PipelineHarness.builder(vertx)
        .mount("pki/", "pki", rootEngine.operations())
        .mount("pki_int/", "pki", intEngine.operations())
        .start();
  }

  /** {@code data} of a 200 answer; fails the test with the body otherwise. */
  static JsonObject data(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "expected 200, got " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getJsonObject("data");
  }

  /** Generates an EC P-256 root in {@code pki/}; answers its PEM. */
  static String generateRoot(PipelineHarness server) {
    return data(server.root(
            HttpMethod.POST,
            "pki/root/generate/internal",
            new JsonObject().put("common_name", "Keyward Test Root CA").put("ttl", "8760h")))
        .getString("certificate");
  }
}
