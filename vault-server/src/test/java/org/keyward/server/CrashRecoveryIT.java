package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.hsm.testing.SoftHsmToken;

/**
 * Crash safety of the whole server: the real server jar runs as a child process on a SoftHSM token
 * and a SQLite file, takes a stream of KV writes (and now and then a keyring rotation, a KEK
 * rotation or a re-encryption), and is killed with SIGKILL at a random moment, 20 times. After
 * every restart the vault must unseal by itself and every write the server acknowledged must read
 * back exactly. The seed is printed so a failing run can be replayed.
 */
class CrashRecoveryIT {
  private static final int ROUNDS = Integer.getInteger("keyward.crash.rounds", 20);
  private static final int WRITERS = 4;
  private static final String ROOT = "crash-root";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicReference<String> lastRefusal = new AtomicReference<>("none");

  @Test
  void killAtRandomMoments_everyAcknowledgedWriteSurvivesAndVaultUnseals() throws Exception {
    long seed = Long.getLong("keyward.crash.seed", System.nanoTime());
    System.out.println("CrashRecoveryIT seed " + seed);
    Random random = new Random(seed);
    SoftHsmToken token = SoftHsmToken.create();
    Path pinFile = dir.resolve("pin");
    Files.writeString(pinFile, new String(token.pin()) + "\n");
    Path data = dir.resolve("data");
    int adminActions = 0;

    for (int round = 0; round < ROUNDS; round++) {
      Child child =
          Child.start(data, token.label(), pinFile, dir.resolve("server-" + round + ".log"));
      Map<String, String> before = Map.copyOf(acknowledged);
      assertAllReadable(child, before, round);
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        Thread t = new Thread(() -> writeUntilKilled(child, stop), "crash-writer-" + w);
        t.start();
        writers.add(t);
      }
      String admin = pickAdminAction(random);
      if (admin != null) {
        adminActions++;
        Thread a = new Thread(() -> child.call("POST", admin, new JsonObject()), "crash-admin");
        a.start();
        writers.add(a);
      }
      // Kill only once writes are flowing, so a slow cold start cannot turn a round into a no-op.
      awaitAcknowledged(before.size() + WRITERS, Duration.ofSeconds(60));
      Thread.sleep(random.nextInt(1000));
      child.kill();
      stop.set(true);
      for (Thread t : writers) {
        t.join(30_000);
      }
    }

    Child last = Child.start(data, token.label(), pinFile, dir.resolve("server-last.log"));
    try {
      assertAllReadable(last, Map.copyOf(acknowledged), ROUNDS);
      assertTrue(
          acknowledged.size() > ROUNDS,
          "writes acknowledged: " + acknowledged.size() + ", last refusal: " + lastRefusal.get());
      assertTrue(adminActions > 0, "some rounds crashed during a rotation or re-encryption");
    } finally {
      last.stop();
    }
  }

  private void awaitAcknowledged(int count, Duration timeout) {
    VaultTestServer.awaitTrue(
        () -> "no writes acknowledged; last refusal: " + lastRefusal.get(),
        timeout,
        () -> acknowledged.size() >= count);
  }

  private static String pickAdminAction(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return "/v1/sys/rotate";
      case 1:
        return "/v1/sys/rotate/root";
      case 2:
        return "/v1/sys/reencrypt";
      default:
        return null;
    }
  }

  private void writeUntilKilled(Child child, AtomicBoolean stop) {
    while (!stop.get()) {
      int n = sequence.incrementAndGet();
      String path = "crash/k-" + n;
      String value = "value-" + n + "-" + Long.toHexString(n * 0x9E3779B97F4A7C15L);
      HttpResponse<String> r =
          child.call(
              "POST",
              "/v1/secret/data/" + path,
              new JsonObject().put("data", new JsonObject().put("v", value)));
      if (r == null) {
        continue; // the connection broke (the server was killed): not acknowledged
      }
      if (r.statusCode() == 200) {
        acknowledged.put(path, value);
      } else {
        lastRefusal.set(r.statusCode() + " " + r.body());
      }
    }
  }

  private static void assertAllReadable(Child child, Map<String, String> expected, int round) {
    for (Map.Entry<String, String> e : expected.entrySet()) {
      HttpResponse<String> r = child.call("GET", "/v1/secret/data/" + e.getKey(), null);
      assertEquals(
          200, r.statusCode(), () -> "round " + round + ", " + e.getKey() + ": " + r.body());
      String got =
          new JsonObject(r.body()).getJsonObject("data").getJsonObject("data").getString("v");
      assertEquals(e.getValue(), got, "round " + round + ", " + e.getKey());
    }
  }

  /** One run of the server jar as a child process. */
  private static final class Child {
    private final Process process;
    private final HttpClient client;
    private final String address;

    private Child(Process process, HttpClient client, String address) {
      this.process = process;
      this.client = client;
      this.address = address;
    }

    static Child start(Path data, String tokenLabel, Path pinFile, Path log) throws Exception {
      Path jar = Path.of(System.getProperty("keyward.test.dir", "target"), "keyward-server.jar");
      assertTrue(Files.exists(jar), "build the server jar first (mvn package): " + jar);
      Files.deleteIfExists(data.resolve("dev.env"));
      int port = freePort();
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx256m",
              "-XX:TieredStopAtLevel=1",
              "-jar",
              jar.toString(),
              "server",
              "-dev",
              "-dev-listen-address=127.0.0.1:" + port,
              "-dev-root-token-id=" + ROOT,
              "-data-dir=" + data);
      pb.environment().put("KEYWARD_HSM_TOKEN_LABEL", tokenLabel);
      pb.environment().put("KEYWARD_HSM_PIN_FILE", pinFile.toString());
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      Process p = pb.start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
      Path env = data.resolve("dev.env");
      while (!Files.exists(env)) {
        if (!p.isAlive() || Instant.now().isAfter(deadline)) {
          p.destroyForcibly();
          throw new AssertionError("server did not start: " + Files.readString(log));
        }
        Thread.sleep(50);
      }
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(VaultTestServer.sslContext(data.resolve("tls").resolve("ca.pem")))
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      return new Child(p, client, "https://127.0.0.1:" + port);
    }

    /** The response, or null when the connection broke (the server was killed). */
    HttpResponse<String> call(String method, String path, JsonObject body) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(address + path))
              .timeout(Duration.ofSeconds(30))
              .header("X-Vault-Token", ROOT)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body.encode()));
      try {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    /** SIGKILL: no shutdown hook, no flush, no clean close. */
    void kill() throws InterruptedException {
      process.toHandle().destroyForcibly();
      process.waitFor();
    }

    void stop() throws InterruptedException {
      process.destroy();
      process.waitFor();
    }

    private static int freePort() throws IOException {
      try (ServerSocket s = new ServerSocket(0)) {
        return s.getLocalPort();
      }
    }
  }
}
