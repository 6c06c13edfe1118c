package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeywardServerIT {
  @TempDir Path dir;

  @Test
  void start_portInUse_failsWithoutLeavingAServer() {
    try (VaultTestServer first =
        VaultTestServer.startWithParts(dir.resolve("a"), DevStandIns.dev("t"))) {
      ServerConfig config =
          ServerConfig.load(
              null,
              Map.of(),
              Map.of(),
              Map.of(
                  ConfigKey.LISTEN_ADDRESS,
                  "127.0.0.1:" + first.port(),
                  ConfigKey.DATA_DIR,
                  dir.resolve("b").toString()));
      CompositionRoot.Prepared prepared = CompositionRoot.prepare(config, Clock.systemUTC());
      Future<KeywardServer> second =
          KeywardServer.start(
              config, prepared.tls(), DevStandIns.dev("t"), prepared.node(), Clock.systemUTC());
      Throwable failure = second.transform(ar -> Future.succeededFuture(ar.cause())).await();
      assertTrue(failure != null, "second bind must fail");
      assertEquals(
          200,
          first.send(HttpMethod.GET, "/v1/sys/health").statusCode(),
          "first server unaffected");
    }
  }

  @Test
  void stop_calledTwice_completesBoth() {
    VaultTestServer s = VaultTestServer.startWithParts(dir, DevStandIns.dev("t"));
    s.close();
    assertTrue(
        s.keywardServer().stop().succeeded(), "a second stop returns the completed first one");
  }
}
