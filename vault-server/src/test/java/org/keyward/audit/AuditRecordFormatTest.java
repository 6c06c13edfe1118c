package org.keyward.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.keyward.http.ApiError;
import org.keyward.http.Authorizer.Decision;
import org.keyward.http.Caller;
import org.keyward.http.ClientToken;
import org.keyward.http.OperationKind;
import org.keyward.http.RequestContext;
import org.keyward.http.TestCallers;
import org.keyward.http.VaultResponse;

/** The streamed records are byte for byte those of the tree encoder they replaced. */
class AuditRecordFormatTest {
  private static final String AWKWARD =
      "quote \" backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007 del \u007f"
          + " é 中文 😀 lone \ud800 end \u2028";
  private static final Instant T0 = Instant.parse("2026-12-08T00:00:00.123456789Z");

  private final AuditHmac hmac = AuditHmac.generate();

  @Test
  void bytes_ofVariedEvents_matchTheTreeEncoder() {
    for (boolean hmacAccessor : new boolean[] {true, false}) {
      AuditRecordFormat streamed = new AuditRecordFormat(hmac, hmacAccessor);
      TreeAuditRecordFormat tree = new TreeAuditRecordFormat(hmac, hmacAccessor);
      for (Supplier<AuditEvent> event : events()) {
        // Twice: the second time the caller's auth block comes from the cache.
        for (int i = 0; i < 2; i++) {
          assertSame(tree.bytes(event.get()), streamed.bytes(event.get()));
        }
      }
    }
  }

  @Test
  void bytesOfAPair_ofOneRequestOrTwo_matchTheTreeEncoder() {
    AuditRecordFormat streamed = new AuditRecordFormat(hmac, true);
    TreeAuditRecordFormat tree = new TreeAuditRecordFormat(hmac, true);
    List<Supplier<AuditEvent>> events = events();
    for (Supplier<AuditEvent> first : events) {
      for (Supplier<AuditEvent> second : events) {
        AuditEvent a = first.get();
        AuditEvent b = second.get();
        AuditRecordFormat.Lines expected = tree.bytes(a, b);
        AuditRecordFormat.Lines actual = streamed.bytes(first.get(), second.get());
        assertSame(expected.first(), actual.first());
        assertSame(expected.second(), actual.second());
      }
      // The pipeline's pair: one request, then its response, sharing the request object.
      RequestContext request = write(userCaller());
      AuditEvent req = AuditEvent.request(request, Decision.allow("policy a"), T0);
      AuditEvent res = at(AuditEvent.response(request, VaultResponse.data(nested())));
      AuditRecordFormat.Lines expected = tree.bytes(req, res);
      AuditRecordFormat.Lines actual = streamed.bytes(req, res);
      assertSame(expected.first(), actual.first());
      assertSame(expected.second(), actual.second());
    }
  }

  @Test
  void bytes_keepVaultsFieldOrder() {
    AuditRecordFormat format = new AuditRecordFormat(hmac, true);
    RequestContext request = write(userCaller());
    JsonObject record =
        new JsonObject(
            new String(
                format.bytes(at(AuditEvent.error(request, ApiError.badRequest("no")))),
                StandardCharsets.UTF_8));
    assertEquals(
        List.of("time", "type", "auth", "request", "error", "response"),
        new ArrayList<>(record.fieldNames()));
    assertEquals(
        List.of("accessor", "display_name", "policies", "metadata", "entity_id", "auth_path"),
        new ArrayList<>(record.getJsonObject("auth").fieldNames()).subList(0, 6));
  }

  private static void assertSame(byte[] expected, byte[] actual) {
    assertEquals(
        new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
    assertArrayEquals(expected, actual);
  }

  private static List<Supplier<AuditEvent>> events() {
    List<Supplier<AuditEvent>> events = new ArrayList<>();
    events.add(() -> AuditEvent.request(read(Caller.ANONYMOUS), null, T0));
    events.add(() -> AuditEvent.request(read(userCaller()), Decision.allow("policy bench"), T0));
    events.add(() -> AuditEvent.request(write(userCaller()), Decision.deny(AWKWARD), T0));
    events.add(() -> AuditEvent.request(write(userCaller()), Decision.allow(null), T0));
    events.add(
        () ->
            AuditEvent.request(
                TestCallers.asCreate(write(rootCaller())), Decision.allow("root"), T0));
    events.add(() -> at(AuditEvent.response(read(userCaller()), VaultResponse.data(nested()))));
    events.add(() -> at(AuditEvent.response(write(userCaller()), VaultResponse.noContent())));
    events.add(
        () ->
            at(
                AuditEvent.response(
                    read(rootCaller()),
                    VaultResponse.data(new JsonObject().put("keys", new JsonArray().add(AWKWARD)))
                        .withWarnings(List.of(AWKWARD, "second")))));
    events.add(() -> at(AuditEvent.response(write(rootCaller()), VaultResponse.auth(login()))));
    events.add(
        () ->
            at(
                AuditEvent.error(
                    write(userCaller()), ApiError.badRequest(List.of(AWKWARD, "two")))));
    events.add(() -> at(AuditEvent.error(read(Caller.ANONYMOUS), ApiError.permissionDenied())));
    // Not made by the factories, but a record may hold both: the error's status takes the place.
    events.add(
        () ->
            new AuditEvent(
                AuditEvent.Kind.RESPONSE,
                T0,
                read(userCaller()),
                Decision.allow("x"),
                VaultResponse.data(nested()),
                ApiError.notFound()));
    return events;
  }

  private static AuditEvent at(AuditEvent event) {
    return new AuditEvent(
        event.kind(), T0, event.request(), event.decision(), event.response(), event.error());
  }

  private static Caller userCaller() {
    return new Caller(
        "acc-" + AWKWARD,
        Set.of("bench", "default", "zeta", AWKWARD),
        "token-" + AWKWARD,
        "auth/token/create",
        "entity-1",
        Map.of("team", AWKWARD, "env", "prod"));
  }

  private static Caller rootCaller() {
    return new Caller("root-accessor", Set.of("root"), "root", "auth/token/root", "", Map.of());
  }

  private static RequestContext read(Caller caller) {
    return TestCallers.as(
        caller,
        RequestContext.builder("req-1", OperationKind.READ)
            .path("secret/data/bench/" + AWKWARD)
            .mount("secret/")
            .remoteAddress("127.0.0.1")
            .build());
  }

  private static RequestContext write(Caller caller) {
    return TestCallers.as(
        caller,
        RequestContext.builder("req-2", OperationKind.WRITE)
            .path("transit/encrypt/k")
            .mount("transit/")
            .body(nested())
            .token(Optional.of(new ClientToken("s.secret")))
            .build());
  }

  /** Every JSON type, nested, with awkward strings, in the shapes engines hand over. */
  private static JsonObject nested() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("password", AWKWARD);
    inner.put("pin", 1234);
    inner.put("list", new ArrayList<>(List.of("a", 2L, 3.5, true)));
    List<Object> mixed = new ArrayList<>();
    mixed.add(Map.of("k", "v"));
    mixed.add(new byte[] {1, 2, 3});
    mixed.add(null);
    mixed.add(new JsonArray().add(new BigDecimal("1.10")).add(false));
    mixed.add(Instant.EPOCH);
    return new JsonObject()
        .put("data", new JsonObject(inner))
        .put(AWKWARD, AWKWARD)
        .put("number", -7.25e-3)
        .put("big", Long.MAX_VALUE)
        .put("yes", true)
        .putNull("nothing")
        .put("mixed", new JsonArray(mixed))
        .put("bytes", new byte[] {0, -1})
        .put("when", Instant.EPOCH)
        .put("empty", new JsonObject())
        .put("none", new JsonArray());
  }

  private static JsonObject login() {
    return new JsonObject()
        .put("client_token", "s.new-token")
        .put("accessor", "acc-new")
        .put("policies", new JsonArray().add("default"))
        .put("metadata", new JsonObject().put("role", AWKWARD))
        .put("lease_duration", 3600)
        .put("renewable", true);
  }
}
