package org.keyward.engine.transit;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.keyward.engine.BackendContext;
import org.keyward.engine.MountEntry;
import org.keyward.testing.Futures;
import org.keyward.testing.PipelineHarness;
import org.keyward.view.StorageView;

/**
 * What transit's HTTP tests share besides the {@link PipelineHarness}: the engine and encodings.
 */
final class TransitRequests {
  private TransitRequests() {}

  /**
   * A transit engine at {@code transit/} over {@code storage}, on the system clock and its own
   * Vert.x, behind a started harness (root token, {@code ROOT_ONLY} ACLs, no audit); closing the
   * harness stops the engine and that Vert.x.
   */
  static PipelineHarness serve(StorageView storage, long rotateAfterEncryptions) {
    Vertx vertx = Vertx.vertx();
    MountEntry mount =
        new MountEntry("transit/", "transit", "uuid-transit", "transit_1", "", Map.of(), 0, 0);
    TransitEngine engine =
        new TransitEngine(
            new BackendContext(vertx, mount, storage),
            Clock.systemUTC(),
            rotateAfterEncryptions,
            TransitEngine.DEFAULT_CHECK_INTERVAL_MS);
    return PipelineHarness.builder(vertx)
        .mount("transit/", "transit", engine.operations())
        .onClose(
            () -> {
              engine.stop();
              Futures.await(vertx.close());
            })
        .start();
  }

  /** Encrypts {@code plaintext} (UTF-8) under {@code key}; fails the test unless it is a 200. */
  static String encrypt(PipelineHarness server, String key, String plaintext) {
    PipelineHarness.Response r =
        server.post("transit/encrypt/" + key, new JsonObject().put("plaintext", b64(plaintext)));
    if (r.status() != 200) {
      throw new AssertionError("encrypt answered " + r.status() + " " + r.body());
    }
    return r.data().getString("ciphertext");
  }

  static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String unb64(String text) {
    return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
  }
}
