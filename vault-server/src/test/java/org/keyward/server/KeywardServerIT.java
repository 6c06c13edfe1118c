package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeywardServerIT {
  @TempDir Path dir;

  @Test
  void start_portInUse_failsWithoutLeavingAServer() {
    try (TestServer first = TestServer.start(dir.resolve("a"), DevStandIns.dev("t"))) {
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
      assertEquals(200, first.get("/v1/sys/health").statusCode(), "first server unaffected");
    }
  }

  @Test
  void stop_calledTwice_completesBoth() {
    TestServer s = TestServer.start(dir, DevStandIns.dev("t"));
    s.close();
    assertTrue(s.server.stop().succeeded(), "a second stop returns the completed first one");
  }
}
