package org.keyward.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.keyward.testing.PipelineHarness.errors;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.barrier.BarrierIntegrityException;
import org.keyward.barrier.VaultSealedException;
import org.keyward.testing.Futures;
import org.keyward.testing.PipelineHarness;

/**
 * The pipeline's own branches, through real HTTP: fail-closed audit, whose fault a decoder's
 * exception is, and a lower layer's exception mapped once at the edge.
 */
class RequestPipelineTest {
  private Vertx vertx;
  private PipelineHarness server;
  private final AtomicInteger actions = new AtomicInteger();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
    Futures.await(vertx.close());
  }

  @Test
  void handle_auditRequestFails_answers503AndTheActionNeverRuns() {
    server = start(new FailingAudit(true, false));

    HttpResponse<Buffer> r = server.root(HttpMethod.POST, "test/act", new JsonObject());

    assertEquals(503, r.statusCode());
    assertEquals(List.of("audit log unavailable"), errors(r));
    assertEquals(0, actions.get());
  }

  @Test
  void handle_auditResponseFails_answers503WithoutTheResult() {
    server = start(new FailingAudit(false, true));

    HttpResponse<Buffer> r = server.root(HttpMethod.POST, "test/act", new JsonObject());

    assertEquals(503, r.statusCode());
    assertEquals(List.of("audit log unavailable"), errors(r));
    assertEquals(-1, r.bodyAsString().indexOf("secret-result"));
  }

  @Test
  void handle_decoderMeetsWrongJsonType_answers400() {
    server = start(AuditSink.NONE);

    HttpResponse<Buffer> r =
        server.root(HttpMethod.POST, "test/typed", new JsonObject().put("name", 7));

    assertEquals(400, r.statusCode());
    assertEquals(List.of("invalid request"), errors(r));
  }

  @Test
  void handle_decoderBug_answers500NotBlamingTheClient() {
    server = start(AuditSink.NONE);

    HttpResponse<Buffer> r = server.root(HttpMethod.POST, "test/buggy", new JsonObject());

    assertEquals(500, r.statusCode());
    assertEquals(List.of("internal error"), errors(r));
  }

  @Test
  void handle_actionFailsWithBarrierExceptions_mappedAtTheEdge() {
    server = start(AuditSink.NONE);

    HttpResponse<Buffer> sealed = server.root(HttpMethod.GET, "test/sealed", null);
    HttpResponse<Buffer> tampered = server.root(HttpMethod.GET, "test/tampered", null);

    assertEquals(503, sealed.statusCode());
    assertEquals(List.of("Vault is sealed"), errors(sealed));
    assertEquals(500, tampered.statusCode());
    assertEquals(List.of("stored entry failed its integrity check"), errors(tampered));
    assertEquals(-1, tampered.bodyAsString().indexOf("row-key"));
  }

  private PipelineHarness start(AuditSink audit) {
    List<Operation<?>> ops =
        List.of(
            Operation.write(
                "act",
                r -> null,
                (in, r) -> {
                  actions.incrementAndGet();
                  return Future.succeededFuture(
                      VaultResponse.data(new JsonObject().put("value", "secret-result")));
                }),
            Operation.write(
                "typed",
                r -> r.body().getJsonObject("name"),
                (in, r) -> Future.succeededFuture(VaultResponse.noContent())),
            Operation.write(
                "buggy",
                r -> r.body().getString("absent").trim(),
                (in, r) -> Future.succeededFuture(VaultResponse.noContent())),
            Operation.read(
                "sealed", r -> null, (in, r) -> Future.failedFuture(new VaultSealedException())),
            Operation.read(
                "tampered",
                r -> null,
                (in, r) ->
                    Future.failedFuture(
                        new BarrierIntegrityException("row-key", new IllegalStateException()))));
    return PipelineHarness.builder(vertx).mount("test/", "test", ops).audit(audit).start();
  }

  /** An audit log whose devices are all down for requests, responses, or both. */
  private record FailingAudit(boolean requests, boolean responses) implements AuditSink {
    @Override
    public Future<Void> request(RequestContext request, Authorizer.Decision decision) {
      return requests ? Future.failedFuture("disk full") : Future.succeededFuture();
    }

    @Override
    public Future<Void> response(RequestContext request, VaultResponse response) {
      return responses ? Future.failedFuture("disk full") : Future.succeededFuture();
    }

    @Override
    public Future<Void> error(RequestContext request, ApiError error) {
      return Future.succeededFuture();
    }
  }
}
