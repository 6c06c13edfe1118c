package org.keyward.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.barrier.Barrier;
import org.keyward.barrier.BarrierLimits;
import org.keyward.barrier.HsmGateway;
import org.keyward.barrier.InsecureTinkKeyProvider;
import org.keyward.barrier.KeyringAdmin;
import org.keyward.barrier.Reencryptor;
import org.keyward.barrier.VaultSeal;
import org.keyward.http.ApiError;
import org.keyward.http.Caller;
import org.keyward.http.Operation;
import org.keyward.http.OperationLookup;
import org.keyward.http.VaultResponse;
import org.keyward.storage.InMemoryStorage;
import org.keyward.testing.PipelineHarness;
import org.keyward.view.StorageView;

/**
 * The sys routes through the real request pipeline on a loopback server (port 0), over the real
 * barrier with in-memory storage and the fake token. A {@code secret/} mount reads and writes
 * barrier entries so sealing and integrity failures can be seen as a client sees them.
 */
class SysRoutesTest {
  private static final String ROOT = "root-token-for-tests";
  private static final String USER = "user-token-for-tests";

  private Vertx vertx;
  private InMemoryStorage storage;
  private InsecureTinkKeyProvider provider;
  private VaultSeal seal;
  private PipelineHarness server;
  private SysInitRoutes devInit;
  private final List<String> issued = new ArrayList<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    storage = new InMemoryStorage();
    provider = new InsecureTinkKeyProvider();
    Barrier barrier = new Barrier(storage, BarrierLimits.DEFAULT);
    seal =
        new VaultSeal(
            vertx,
            storage,
            new HsmGateway(vertx, provider, 2, Duration.ofMillis(20)),
            barrier,
            Clock.systemUTC(),
            Duration.ofMillis(10),
            Duration.ofMillis(100));
    Reencryptor reencryptor = new Reencryptor(storage, barrier, Clock.systemUTC(), 10);
    seal.addListener(reencryptor);
    KeyringAdmin admin = new KeyringAdmin(seal, reencryptor, Clock.systemUTC());
    RootTokenIssuer tokens =
        new RootTokenIssuer() {
          @Override
          public Future<String> issueRootToken() {
            issued.add(ROOT);
            return Future.succeededFuture(ROOT);
          }

          @Override
          public Future<String> issueRootToken(String id) {
            issued.add(id);
            return Future.succeededFuture(id);
          }
        };
    List<Operation<?>> sys = new ArrayList<>();
    devInit = new SysInitRoutes(seal, tokens);
    sys.addAll(devInit.operations());
    sys.addAll(
        new SysSealRoutes(
                seal, new ServerIdentity("1.15.0", "2026-01-01T00:00:00Z", "inmem", "c1", "id-1"))
            .operations());
    sys.addAll(new SysRotateRoutes(admin, reencryptor).operations());
    StorageView secrets = barrier.view("logical/secret-uuid/");
    List<Operation<?>> kv =
        List.of(
            Operation.read(
                "*path",
                r -> r.param("path"),
                (path, r) ->
                    secrets
                        .get(path)
                        .map(v -> v.orElseThrow(ApiError::notFound))
                        .map(v -> VaultResponse.data(new JsonObject(Buffer.buffer(v))))),
            Operation.write(
                "*path",
                r -> r.param("path"),
                (path, r) ->
                    secrets
                        .put(path, r.body().toBuffer().getBytes())
                        .map(v -> VaultResponse.noContent())));
    OperationLookup lookup =
        path ->
            path.startsWith("sys/")
                ? new OperationLookup.Mounted("sys/", "system", sys)
                : path.startsWith("secret/")
                    ? new OperationLookup.Mounted("secret/", "kv", kv)
                    : null;
    server =
        PipelineHarness.builder(vertx)
            .lookup(lookup)
            .sealed(seal::isSealed)
            .token(
                ROOT,
                new Caller("acc-root", Set.of("root"), "root", "auth/token/root", "", Map.of()))
            .token(USER, new Caller("acc-user", Set.of("default"), "u", "auth/token", "", Map.of()))
            .start();
    await(seal.start());
  }

  @AfterEach
  void tearDown() {
    seal.close();
    await(vertx.close());
  }

  @Test
  void init_beforeAndAfter_followsVaultShape() {
    assertEquals(
        false, json(send(HttpMethod.GET, "sys/init", null, null)).getBoolean("initialized"));
    JsonObject status = json(send(HttpMethod.GET, "sys/seal-status", null, null));
    assertEquals("pkcs11", status.getString("type"));
    assertEquals(false, status.getBoolean("initialized"));
    assertEquals(true, status.getBoolean("sealed"));
    assertEquals(true, status.getBoolean("recovery_seal"));
    assertEquals("1.15.0", status.getString("version"));

    HttpResponse<Buffer> init = send(HttpMethod.PUT, "sys/init", null, new JsonObject());

    assertEquals(200, init.statusCode());
    JsonObject body = json(init);
    assertEquals(ROOT, body.getString("root_token"));
    assertEquals(1, body.getJsonArray("recovery_keys").size());
    assertEquals(1, body.getJsonArray("recovery_keys_base64").size());
    assertEquals(
        false, json(send(HttpMethod.GET, "sys/seal-status", null, null)).getBoolean("sealed"));
    assertEquals(
        true, json(send(HttpMethod.GET, "sys/init", null, null)).getBoolean("initialized"));
    HttpResponse<Buffer> again = send(HttpMethod.PUT, "sys/init", null, new JsonObject());
    assertEquals(400, again.statusCode());
    assertEquals(List.of("Vault is already initialized"), errors(again));
    assertEquals(List.of(ROOT), issued);
  }

  @Test
  void init_withSeveralRecoveryShares_fails400AndStoresNothing() {
    HttpResponse<Buffer> r =
        send(
            HttpMethod.PUT,
            "sys/init",
            null,
            new JsonObject().put("recovery_shares", 5).put("recovery_threshold", 3));

    assertEquals(400, r.statusCode());
    assertTrue(errors(r).get(0).contains("recovery_shares"));
    assertTrue(storage.keys().isEmpty());
  }

  @Test
  void seal_thenRequests_answer503UntilUnseal() {
    initialize();
    assertEquals(
        204, send(HttpMethod.PUT, "secret/a", ROOT, new JsonObject().put("k", "v")).statusCode());

    assertEquals(204, send(HttpMethod.PUT, "sys/seal", ROOT, null).statusCode());

    HttpResponse<Buffer> sealed = send(HttpMethod.GET, "secret/a", ROOT, null);
    assertEquals(503, sealed.statusCode());
    assertEquals(List.of("Vault is sealed"), errors(sealed));
    assertEquals(503, send(HttpMethod.PUT, "sys/rotate", ROOT, null).statusCode());
    HttpResponse<Buffer> unseal = send(HttpMethod.PUT, "sys/unseal", null, new JsonObject());
    assertEquals(200, unseal.statusCode());
    assertEquals(false, json(unseal).getBoolean("sealed"));
    assertEquals(
        "v",
        json(send(HttpMethod.GET, "secret/a", ROOT, null)).getJsonObject("data").getString("k"));
  }

  @Test
  void seal_withoutSudo_isDenied() {
    initialize();

    assertEquals(403, send(HttpMethod.PUT, "sys/seal", USER, null).statusCode());
    assertEquals(403, send(HttpMethod.PUT, "sys/rotate", null, null).statusCode());
    assertFalse(seal.isSealed());
  }

  @Test
  void rotateAndKek_routes_reportNewTermAndVersions() {
    initialize();

    assertEquals(204, send(HttpMethod.POST, "sys/rotate", ROOT, null).statusCode());
    JsonObject keyStatus = json(send(HttpMethod.GET, "sys/key-status", ROOT, null));
    assertEquals(2, keyStatus.getInteger("term"));
    assertNotNull(keyStatus.getString("install_time"));
    assertTrue(keyStatus.getLong("encryptions") >= 1);

    assertEquals(
        2, json(send(HttpMethod.POST, "sys/rotate/root", ROOT, null)).getInteger("kek_version"));
    JsonObject kek = json(send(HttpMethod.GET, "sys/kek", ROOT, null));
    assertEquals(new JsonArray().add(1).add(2), kek.getJsonArray("versions"));
    assertEquals(2, kek.getInteger("in_use"));
    assertEquals(400, send(HttpMethod.DELETE, "sys/kek/2", ROOT, null).statusCode());
    assertEquals(400, send(HttpMethod.DELETE, "sys/kek/abc", ROOT, null).statusCode());
    assertEquals(204, send(HttpMethod.DELETE, "sys/kek/1", ROOT, null).statusCode());
    assertEquals(
        new JsonArray().add(2),
        json(send(HttpMethod.GET, "sys/kek", ROOT, null)).getJsonArray("versions"));
  }

  @Test
  void reencrypt_thenRetire_removesOldTerm() throws Exception {
    initialize();
    for (int i = 0; i < 25; i++) {
      send(HttpMethod.PUT, "secret/k" + i, ROOT, new JsonObject().put("i", i));
    }
    send(HttpMethod.PUT, "sys/rotate", ROOT, null);
    HttpResponse<Buffer> early = send(HttpMethod.POST, "sys/keyring/retire", ROOT, null);
    assertEquals(400, early.statusCode());

    JsonObject started = json(send(HttpMethod.POST, "sys/reencrypt", ROOT, null));
    assertEquals(2, started.getInteger("target_term"));
    JsonObject done = started;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getString("state").equals("done") && System.nanoTime() < deadline) {
      done = json(send(HttpMethod.GET, "sys/reencrypt", ROOT, null));
    }

    assertEquals("done", done.getString("state"));
    assertEquals(0L, done.getLong("remaining"));
    JsonObject retired = json(send(HttpMethod.POST, "sys/keyring/retire", ROOT, null));
    assertEquals(new JsonArray().add(1), retired.getJsonArray("retired_terms"));
    assertEquals(
        7,
        json(send(HttpMethod.GET, "secret/k7", ROOT, null)).getJsonObject("data").getInteger("i"));
  }

  @Test
  void recoveryRestore_afterTokenLost_unsealsAndDataReads() {
    String recoveryKey = initialize();
    send(HttpMethod.PUT, "secret/a", ROOT, new JsonObject().put("k", "v"));
    send(HttpMethod.PUT, "sys/seal", ROOT, null);
    provider.replaceToken();
    assertEquals(503, send(HttpMethod.PUT, "sys/unseal", null, null).statusCode());

    HttpResponse<Buffer> bad =
        send(
            HttpMethod.POST,
            "sys/recovery/restore",
            null,
            new JsonObject().put("recovery_key", "!!"));
    assertEquals(400, bad.statusCode());
    HttpResponse<Buffer> ok =
        send(
            HttpMethod.POST,
            "sys/recovery/restore",
            null,
            new JsonObject().put("recovery_key", recoveryKey));

    assertEquals(200, ok.statusCode());
    assertEquals(false, json(ok).getBoolean("sealed"));
    assertEquals(
        "v",
        json(send(HttpMethod.GET, "secret/a", ROOT, null)).getJsonObject("data").getString("k"));
  }

  @Test
  void read_ofTamperedEntry_answersClearIntegrityError() {
    initialize();
    send(HttpMethod.PUT, "secret/a", ROOT, new JsonObject().put("k", "v"));
    send(HttpMethod.PUT, "secret/b", ROOT, new JsonObject().put("k", "w"));
    storage.putRaw("logical/secret-uuid/b", storage.raw("logical/secret-uuid/a"));

    HttpResponse<Buffer> r = send(HttpMethod.GET, "secret/b", ROOT, null);

    assertEquals(500, r.statusCode());
    assertEquals(List.of("stored entry failed its integrity check"), errors(r));
  }

  @Test
  void initializeForDev_makesGivenRootTokenAndUnseals() {
    await(devInit.initializeForDev("dev-root"));

    assertEquals(List.of("dev-root"), issued);
    assertFalse(seal.isSealed());
    assertEquals(
        true, json(send(HttpMethod.GET, "sys/init", null, null)).getBoolean("initialized"));
  }

  @Test
  void reencryptStatus_beforeAnyRun_isIdle() {
    initialize();

    JsonObject status = json(send(HttpMethod.GET, "sys/reencrypt", ROOT, null));

    assertEquals("idle", status.getString("state"));
    assertEquals(0L, status.getLong("remaining"));
  }

  /** Initialises over HTTP and returns the base64 recovery key. */
  private String initialize() {
    JsonObject body = json(send(HttpMethod.PUT, "sys/init", null, new JsonObject()));
    return body.getJsonArray("recovery_keys_base64").getString(0);
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    var request = server.request(method, path);
    if (token != null) {
      request.putHeader("X-Vault-Token", token);
    }
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  private static JsonObject json(HttpResponse<Buffer> response) {
    return new JsonObject(response.bodyAsString(StandardCharsets.UTF_8.name()));
  }

  private static List<String> errors(HttpResponse<Buffer> response) {
    List<String> out = new ArrayList<>();
    json(response).getJsonArray("errors").forEach(e -> out.add((String) e));
    return out;
  }
}
