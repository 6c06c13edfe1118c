package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.hsm.testing.SoftHsmToken;

/**
 * HA on PostgreSQL with real server processes: three nodes of the server jar on one fresh database
 * and one SoftHSM token. A writer keeps writing KV entries through any node while the active is
 * killed with SIGKILL five times (each time another node takes over, the killed one comes back as a
 * standby); every acknowledged write must read back, and the time without service is printed. Then:
 * transit keys, tokens and revocations survive the failovers; a SIGSTOPped active is deposed and
 * commits nothing after SIGCONT; cert login works through a standby with a client certificate and a
 * forged forwarded-certificate header from a client is ignored. One class, run once: it is the slow
 * HA scenario.
 */
class HaClusterIT {
  private static final int NODES = 3;
  private static final int KILLS = 5;
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final List<Node> nodes = new ArrayList<>();
  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  private final List<Long> ackNanos = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger sequence = new AtomicInteger();
  private final java.util.Set<Integer> statuses = ConcurrentHashMap.newKeySet();
  private String database;
  private String root;
  private HttpClient http;
  private HttpClient httpWithClientCert;

  @AfterEach
  void stopAll() throws Exception {
    Path logs = Path.of(System.getProperty("keyward.test.dir", "target"), "ha-cluster-logs");
    Files.createDirectories(logs);
    for (Node n : nodes) {
      n.process.toHandle().destroyForcibly();
      n.process.waitFor();
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().contains(".log")).toList()) {
        Files.copy(
            f, logs.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (database != null) {
      try (Connection c = admin();
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  @Test
  void failoverFencingCachesAndForwarding() throws Exception {
    database = "h13_ha_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8);
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    SoftHsmToken token = SoftHsmToken.create();
    Path pin = dir.resolve("pin");
    Files.writeString(pin, new String(token.pin()) + "\n");
    TestPki pki = TestPki.create(dir.resolve("pki"));
    http = client(pki, false);
    httpWithClientCert = client(pki, true);
    for (int i = 0; i < NODES; i++) {
      nodes.add(Node.configure(dir, i, database, token.label(), pin, pki));
    }
    for (Node n : nodes) {
      n.start();
    }
    nodes.forEach(this::awaitUp);
    Node active = awaitActive(null);

    // Initialise through a standby: forwarded to the active.
    Node standby = nodes.stream().filter(n -> n != active).findFirst().orElseThrow();
    HttpResponse<String> init = call(standby, "PUT", "/v1/sys/init", new JsonObject(), null);
    assertEquals(200, init.statusCode(), init.body());
    root = new JsonObject(init.body()).getString("root_token");
    ok(call(standby, "POST", "/v1/sys/mounts/secret", kvMount(), root));
    ok(
        call(
            standby,
            "POST",
            "/v1/sys/mounts/transit",
            new JsonObject().put("type", "transit"),
            root));
    ok(call(standby, "POST", "/v1/transit/keys/orders", new JsonObject(), root));
    String ct1 = encrypt(standby, "b3JkZXItMQ==");
    ok(call(standby, "POST", "/v1/transit/keys/orders/rotate", new JsonObject(), root));
    String ct2 = encrypt(standby, "b3JkZXItMg==");
    String kept = createToken(standby);
    String revoked = createToken(standby);
    ok(
        call(
            standby,
            "POST",
            "/v1/auth/token/revoke",
            new JsonObject().put("token", revoked),
            root));
    // Standby endpoints answer locally. A standby learns of the init on its next once-a-second
    // look at storage, so on a fast machine its first health answer may still say 501.
    awaitStatus(standby, "/v1/sys/health", 429);
    // One cluster, one id: each node adopts the id the first one stored in PostgreSQL, so a
    // snapshot one active took restores through the next without -force.
    Set<String> clusterIds = new HashSet<>();
    for (Node n : nodes) {
      clusterIds.add(
          new JsonObject(call(n, "GET", "/v1/sys/health", null, null).body())
              .getString("cluster_id"));
    }
    assertEquals(1, clusterIds.size(), clusterIds::toString);
    snapshotStreamsThroughStandby(standby);
    JsonObject leader = new JsonObject(call(standby, "GET", "/v1/sys/leader", null, null).body());
    assertEquals(true, leader.getBoolean("ha_enabled"));
    assertEquals(false, leader.getBoolean("is_self"));
    assertEquals(active.apiAddr(), leader.getString("leader_address"));

    // Kill the active five times under a stream of writes.
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      Thread t = new Thread(() -> writeUntil(stop), "ha-writer-" + w);
      t.start();
      writers.add(t);
    }
    List<Long> outagesMillis = new ArrayList<>();
    Node current = active;
    Node restarting = null;
    for (int round = 0; round < KILLS; round++) {
      // Every node but the one restarted last round must be up to take over.
      for (Node n : nodes) {
        if (n != restarting) {
          awaitUp(n);
        }
      }
      awaitAcks(acknowledged.size() + 20);
      long killedAt = System.nanoTime();
      current.kill();
      long firstAck = awaitAckAfter(killedAt);
      outagesMillis.add((firstAck - killedAt) / 1_000_000);
      Node next = awaitActive(current);
      assertNotEquals(current, next);
      current.start();
      restarting = current;
      current = next;
    }
    stop.set(true);
    for (Thread t : writers) {
      t.join(30_000);
    }
    List<Long> sorted = new ArrayList<>(outagesMillis);
    Collections.sort(sorted);
    System.out.println(
        "HaClusterIT failover: without service (ms) "
            + outagesMillis
            + ", median "
            + sorted.get(sorted.size() / 2)
            + ", worst "
            + sorted.get(sorted.size() - 1)
            + ", acknowledged writes "
            + acknowledged.size());
    nodes.forEach(this::awaitUp);
    Node reader = nodes.get(ThreadLocalRandom.current().nextInt(NODES));
    for (Map.Entry<String, String> e : acknowledged.entrySet()) {
      HttpResponse<String> r = call(reader, "GET", "/v1/secret/data/" + e.getKey(), null, root);
      assertEquals(200, r.statusCode(), e.getKey() + ": " + r.body());
      assertEquals(
          e.getValue(),
          new JsonObject(r.body()).getJsonObject("data").getJsonObject("data").getString("v"));
    }

    // Caches after the failovers: key versions, tokens, revocations.
    assertEquals("b3JkZXItMQ==", decrypt(reader, ct1));
    assertEquals("b3JkZXItMg==", decrypt(reader, ct2));
    assertTrue(encrypt(reader, "eA==").startsWith("vault:v2:"));
    assertEquals(200, call(reader, "GET", "/v1/auth/token/lookup-self", null, kept).statusCode());
    assertEquals(
        403, call(reader, "GET", "/v1/auth/token/lookup-self", null, revoked).statusCode());

    // Metrics of the active: it says it is active and counts the leadership it won.
    Node metricsOf = awaitActive(null);
    String metrics = call(metricsOf, "GET", "/v1/sys/metrics?format=prometheus", null, root).body();
    assertTrue(metrics.contains("keyward_ha_active 1.0"), metrics);
    assertTrue(metrics.contains("keyward_ha_leadership_changes_total"), metrics);

    // SIGSTOP the active past its lease; a standby takes over and writes; SIGCONT the old one.
    Node paused = awaitActive(null);
    paused.signal("STOP");
    Node successor = awaitActive(paused);
    ok(writeVia(successor, "fence/after-takeover", "new"));
    paused.signal("CONT");
    HttpResponse<String> late = writeVia(paused, "fence/late", "from-old");
    assertTrue(
        late == null || late.statusCode() == 200 || late.statusCode() == 503,
        () -> "late write: " + late.statusCode() + " " + late.body());
    awaitStatus(paused, "/v1/sys/health", 429);
    if (late != null && late.statusCode() == 200) {
      // Acknowledged, so forwarded: the successor wrote it.
      assertEquals(
          200, call(successor, "GET", "/v1/secret/data/fence/late", null, root).statusCode());
    }
    // Health turns 429 as the node stops serving, a moment before the line is in its log file.
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!paused.logText().contains("stepping down to standby") && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    assertTrue(
        paused.logText().contains("stepping down to standby"), "the old active stepped down");

    // Cert login through a standby: forwarded with the client chain.
    Node activeNow = awaitActive(null);
    Node viaStandby = nodes.stream().filter(n -> n != activeNow).findFirst().orElseThrow();
    ok(call(viaStandby, "POST", "/v1/sys/auth/cert", new JsonObject().put("type", "cert"), root));
    ok(
        call(
            viaStandby,
            "POST",
            "/v1/auth/cert/certs/clients",
            new JsonObject()
                .put("certificate", Files.readString(pki.ca))
                .put("token_policies", "default"),
            root));
    HttpResponse<String> login =
        send(
            httpWithClientCert,
            viaStandby,
            "POST",
            "/v1/auth/cert/login",
            new JsonObject(),
            null,
            Map.of());
    assertEquals(200, login.statusCode(), login.body());
    HttpResponse<String> noCert =
        call(viaStandby, "POST", "/v1/auth/cert/login", new JsonObject(), null);
    assertNotEquals(200, noCert.statusCode(), noCert.body());
    // A client (no node certificate) claiming a chain in the forwarding header is not believed.
    HttpResponse<String> forged =
        send(
            http,
            activeNow,
            "POST",
            "/v1/auth/cert/login",
            new JsonObject(),
            null,
            Map.of("X-Keyward-Forwarded-Client-Cert", pki.clientChainHeader()));
    assertNotEquals(200, forged.statusCode(), forged.body());

    // Step down by request: another node takes over.
    HttpResponse<String> down = call(activeNow, "PUT", "/v1/sys/step-down", new JsonObject(), root);
    assertEquals(204, down.statusCode(), down.body());
    assertNotEquals(activeNow, awaitActive(activeNow));

    postgresRestartedUnderLoad();
  }

  /**
   * Stops and starts the machine's PostgreSQL cluster under writes: the nodes answer 503 (never
   * 500, never hang) meanwhile, reconnect, and lose no acknowledged write.
   */
  /**
   * A snapshot download and a drill upload of it through a standby: both bodies are streamed, so
   * the forwarder must pass them on as they come rather than as one buffer (or none).
   */
  private void snapshotStreamsThroughStandby(Node standby) throws Exception {
    HttpResponse<byte[]> snapshot =
        http.send(
            HttpRequest.newBuilder(URI.create(standby.apiAddr() + "/v1/sys/storage/raft/snapshot"))
                .timeout(Duration.ofSeconds(90))
                .header("X-Vault-Token", root)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, snapshot.statusCode());
    assertTrue(snapshot.body().length > 1000, "snapshot of " + snapshot.body().length + " bytes");
    HttpResponse<String> drill =
        http.send(
            HttpRequest.newBuilder(URI.create(standby.apiAddr() + "/v1/sys/storage/snapshot-drill"))
                .timeout(Duration.ofSeconds(90))
                .header("X-Vault-Token", root)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(snapshot.body()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, drill.statusCode(), drill.body());
    JsonObject result = new JsonObject(drill.body()).getJsonObject("data");
    assertEquals(true, result.getBoolean("ok"), drill.body());
    assertTrue(result.getLong("keys_checked") >= 1, drill.body());
  }

  private void postgresRestartedUnderLoad() throws Exception {
    awaitActive(null);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      Thread t = new Thread(() -> writeUntil(stop), "ha-pg-writer-" + w);
      t.start();
      writers.add(t);
    }
    try {
      awaitAcks(acknowledged.size() + 20);
      pgCluster("stop");
      statuses.clear();
      Instant downUntil = Instant.now().plusSeconds(3);
      while (Instant.now().isBefore(downUntil)) {
        Thread.sleep(50);
      }
      assertTrue(statuses.contains(503), () -> "statuses while PostgreSQL was down: " + statuses);
    } finally {
      pgCluster("start");
    }
    int before = acknowledged.size();
    awaitAcks(before + 20);
    stop.set(true);
    for (Thread t : writers) {
      t.join(30_000);
    }
    assertTrue(!statuses.contains(500), () -> "statuses: " + statuses);
    Node reader = awaitActive(null);
    for (Map.Entry<String, String> e : acknowledged.entrySet()) {
      HttpResponse<String> r = call(reader, "GET", "/v1/secret/data/" + e.getKey(), null, root);
      assertEquals(200, r.statusCode(), e.getKey() + ": " + r.body());
    }
  }

  private static void pgCluster(String action) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of("pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", action));
    if (action.equals("stop")) {
      cmd.addAll(List.of("-m", "fast"));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "pg_ctlcluster " + action + ": " + out);
  }

  private String createToken(Node n) {
    HttpResponse<String> r =
        call(
            n,
            "POST",
            "/v1/auth/token/create",
            new JsonObject().put("policies", new JsonArray().add("default")),
            root);
    ok(r);
    return new JsonObject(r.body()).getJsonObject("auth").getString("client_token");
  }

  private String encrypt(Node n, String b64) {
    HttpResponse<String> r =
        call(n, "POST", "/v1/transit/encrypt/orders", new JsonObject().put("plaintext", b64), root);
    ok(r);
    return new JsonObject(r.body()).getJsonObject("data").getString("ciphertext");
  }

  private String decrypt(Node n, String ct) {
    HttpResponse<String> r =
        call(n, "POST", "/v1/transit/decrypt/orders", new JsonObject().put("ciphertext", ct), root);
    ok(r);
    return new JsonObject(r.body()).getJsonObject("data").getString("plaintext");
  }

  private static JsonObject kvMount() {
    return new JsonObject().put("type", "kv").put("options", new JsonObject().put("version", "2"));
  }

  private void writeUntil(AtomicBoolean stop) {
    while (!stop.get()) {
      int n = sequence.incrementAndGet();
      String path = "ha/k-" + n;
      String value = "v-" + n;
      Node target = nodes.get(n % NODES);
      long sent = System.nanoTime();
      HttpResponse<String> r =
          send(
              http,
              target,
              "POST",
              "/v1/secret/data/" + path,
              new JsonObject().put("data", new JsonObject().put("v", value)),
              root,
              Map.of(),
              Duration.ofSeconds(10));
      if (r != null) {
        statuses.add(r.statusCode());
      }
      if (r != null && r.statusCode() == 200) {
        acknowledged.put(path, value);
        // A write sent after a kill and acknowledged: its answer ends the time without service.
        synchronized (ackNanos) {
          ackNanos.add(sent);
          ackNanos.add(System.nanoTime());
        }
      }
    }
  }

  private HttpResponse<String> writeVia(Node n, String path, String value) {
    return call(
        n,
        "POST",
        "/v1/secret/data/" + path,
        new JsonObject().put("data", new JsonObject().put("v", value)),
        root);
  }

  private void awaitAcks(int count) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (acknowledged.size() < count) {
      assertTrue(Instant.now().isBefore(deadline), "writes are not acknowledged");
      Thread.sleep(10);
    }
  }

  /** When the first write sent after {@code nanos} was acknowledged. */
  private long awaitAckAfter(long nanos) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      synchronized (ackNanos) {
        long first = Long.MAX_VALUE;
        for (int i = 0; i + 1 < ackNanos.size(); i += 2) {
          if (ackNanos.get(i) - nanos > 0) {
            first = Math.min(first, ackNanos.get(i + 1));
          }
        }
        if (first != Long.MAX_VALUE) {
          return first;
        }
      }
      assertTrue(Instant.now().isBefore(deadline), "no write acknowledged after the kill");
      Thread.sleep(5);
    }
  }

  /** The node all living nodes agree is active (and not {@code not}). */
  private Node awaitActive(Node not) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      for (Node n : nodes) {
        if (n == not || !n.process.isAlive()) {
          continue;
        }
        HttpResponse<String> r = call(n, "GET", "/v1/sys/leader", null, null);
        if (r != null && r.statusCode() == 200 && new JsonObject(r.body()).getBoolean("is_self")) {
          HttpResponse<String> h = call(n, "GET", "/v1/sys/health", null, null);
          if (h != null && (h.statusCode() == 200 || h.statusCode() == 501)) {
            return n;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no active node");
  }

  private void awaitUp(Node n) {
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      if (!n.process.isAlive() && n.logText().contains("Address already in use")) {
        n.movePort(); // another process took the free port between probe and bind
      }
      assertTrue(n.process.isAlive(), () -> "node " + n.index + " died: " + n.logText());
      if (call(n, "GET", "/v1/sys/health", null, null) != null) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("node " + n.index + " did not start: " + n.logText());
  }

  private void awaitStatus(Node n, String path, int status) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    HttpResponse<String> r = null;
    while (Instant.now().isBefore(deadline)) {
      r = call(n, "GET", path, null, null);
      if (r != null && r.statusCode() == status) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        path + " never answered " + status + ": " + (r == null ? "" : r.body()));
  }

  private static void ok(HttpResponse<String> r) {
    assertTrue(r != null, "no answer");
    assertTrue(r.statusCode() / 100 == 2, () -> r.statusCode() + " " + r.body());
  }

  private HttpResponse<String> call(
      Node n, String method, String path, JsonObject body, String tok) {
    return send(http, n, method, path, body, tok, Map.of());
  }

  private static HttpResponse<String> send(
      HttpClient client,
      Node n,
      String method,
      String path,
      JsonObject body,
      String tok,
      Map<String, String> headers) {
    // Generous: initialisation creates HSM keys, slow on a loaded machine.
    return send(client, n, method, path, body, tok, headers, Duration.ofSeconds(90));
  }

  /** The response, or null when the node does not answer. */
  private static HttpResponse<String> send(
      HttpClient client,
      Node n,
      String method,
      String path,
      JsonObject body,
      String tok,
      Map<String, String> headers,
      Duration timeout) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(n.apiAddr() + path))
            .timeout(timeout)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (tok != null) {
      b.header("X-Vault-Token", tok);
    }
    headers.forEach(b::header);
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static HttpClient client(TestPki pki, boolean withClientCert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = Files.newInputStream(pki.ca)) {
      trust.setCertificateEntry(
          "ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    KeyManagerFactory kmf = null;
    if (withClientCert) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(pki.clientP12)) {
        keys.load(in, "changeit".toCharArray());
      }
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, "changeit".toCharArray());
    }
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(2)).build();
  }

  private static Connection admin() throws Exception {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    return DriverManager.getConnection(PG + "test", props);
  }

  /** A test CA, one listener certificate shared by the nodes, and a client certificate. */
  private record TestPki(Path ca, Path nodeCert, Path nodeKey, Path clientCert, Path clientP12) {
    static TestPki create(Path d) throws Exception {
      Files.createDirectories(d);
      Path ca = d.resolve("ca.pem");
      Path caKey = d.resolve("ca-key.pem");
      openssl(
          d,
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:P-256",
          "-nodes",
          "-keyout",
          caKey.toString(),
          "-out",
          ca.toString(),
          "-days",
          "2",
          "-subj",
          "/CN=ha-test-ca",
          "-addext",
          "basicConstraints=critical,CA:true",
          "-addext",
          "keyUsage=critical,keyCertSign,cRLSign");
      Path node =
          issue(
              d,
              ca,
              caKey,
              "node",
              "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n");
      Path client = issue(d, ca, caKey, "client", "extendedKeyUsage=clientAuth\n");
      Path p12 = d.resolve("client.p12");
      openssl(
          d,
          "pkcs12",
          "-export",
          "-in",
          client.toString(),
          "-inkey",
          d.resolve("client-key.pem").toString(),
          "-out",
          p12.toString(),
          "-passout",
          "pass:changeit");
      return new TestPki(ca, node, d.resolve("node-key.pem"), client, p12);
    }

    private static Path issue(Path d, Path ca, Path caKey, String name, String ext)
        throws Exception {
      Path key = d.resolve(name + "-key.pem");
      Path csr = d.resolve(name + ".csr");
      Path cert = d.resolve(name + ".pem");
      Path extFile = d.resolve(name + ".ext");
      Files.writeString(extFile, ext);
      openssl(
          d,
          "req",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:P-256",
          "-nodes",
          "-keyout",
          key.toString(),
          "-out",
          csr.toString(),
          "-subj",
          "/CN=" + name);
      openssl(
          d,
          "x509",
          "-req",
          "-in",
          csr.toString(),
          "-CA",
          ca.toString(),
          "-CAkey",
          caKey.toString(),
          "-CAcreateserial",
          "-out",
          cert.toString(),
          "-days",
          "2",
          "-extfile",
          extFile.toString());
      return cert;
    }

    private static void openssl(Path d, String... args) throws Exception {
      List<String> cmd = new ArrayList<>();
      cmd.add("openssl");
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).directory(d.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      assertEquals(0, p.waitFor(), "openssl " + String.join(" ", args) + ": " + out);
    }

    String clientChainHeader() throws Exception {
      String pem = Files.readString(clientCert);
      String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return b64;
    }
  }

  /** One server process; restartable on the same data directory and port. */
  private static final class Node {
    final int index;
    volatile int port;
    final Path config;
    final Path log;
    Process process;
    private final AtomicLong starts = new AtomicLong();
    private final java.util.function.IntFunction<String> settings;

    private Node(int index, Path config, Path log, java.util.function.IntFunction<String> settings)
        throws IOException {
      this.index = index;
      this.config = config;
      this.log = log;
      this.settings = settings;
      this.port = freePort();
      Files.writeString(config, settings.apply(port));
    }

    /** Picks another free port and starts again there. */
    void movePort() {
      try {
        port = freePort();
        Files.writeString(config, settings.apply(port));
        start();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    static Node configure(Path dir, int i, String db, String label, Path pin, TestPki pki)
        throws IOException {
      Path data = dir.resolve("node-" + i);
      Files.createDirectories(data);
      Path config = data.resolve("keyward.conf");
      java.util.function.IntFunction<String> settings =
          port ->
              String.join(
                  "\n",
                  "listen_address = 127.0.0.1:" + port,
                  "data_dir = " + data,
                  "storage = postgresql",
                  "postgres_url = " + PG + db,
                  "postgres_user = postgres",
                  "hsm_token_label = " + label,
                  "hsm_pin_file = " + pin,
                  "tls_cert_file = " + pki.nodeCert(),
                  "tls_key_file = " + pki.nodeKey(),
                  "ha_enabled = true",
                  "ha_tls_ca_file = " + pki.ca(),
                  "api_addr = https://127.0.0.1:" + port,
                  "node_id = node-" + i,
                  "");
      return new Node(i, config, dir.resolve("node-" + i + ".log"), settings);
    }

    String apiAddr() {
      return "https://127.0.0.1:" + port;
    }

    void start() throws IOException {
      Path jar = Path.of(System.getProperty("keyward.test.dir", "target"), "keyward-server.jar");
      assertTrue(Files.exists(jar), "build the server jar first (mvn package): " + jar);
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx192m",
              "-XX:TieredStopAtLevel=1",
              "-jar",
              jar.toString(),
              "server",
              "-config=" + config);
      Path out = log.resolveSibling(log.getFileName() + "." + starts.getAndIncrement());
      pb.redirectErrorStream(true).redirectOutput(out.toFile());
      process = pb.start();
      current = out;
    }

    private Path current;

    String logText() {
      try {
        return Files.readString(current);
      } catch (IOException e) {
        return "(no log)";
      }
    }

    void kill() throws InterruptedException {
      process.toHandle().destroyForcibly();
      process.waitFor();
    }

    void signal(String sig) throws Exception {
      Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).start();
      assertEquals(0, p.waitFor());
    }

    private static int freePort() throws IOException {
      try (ServerSocket s = new ServerSocket(0)) {
        return s.getLocalPort();
      }
    }
  }
}
