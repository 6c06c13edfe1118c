package org.keyward.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.keyward.http.Caller;
import org.keyward.http.OperationKind;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * The record format as it was before records were streamed (build a {@code JsonObject}, then encode
 * it): the reference {@code AuditRecordFormatTest} holds the streamed bytes against.
 */
final class TreeAuditRecordFormat {
  private static final JsonFactory JSON = new JsonFactory();

  // Values, accessors and auth blocks come from the production format: what this reference pins
  // is the record as a tree and its encoding, which the streamed writer replaced.
  private final AuditRecordFormat hashing;

  TreeAuditRecordFormat(AuditHmac hmac, boolean hmacAccessor) {
    this.hashing = new AuditRecordFormat(hmac, hmacAccessor);
  }

  /** The record as a JSON object; every secret value already replaced by its HMAC. */
  public JsonObject record(AuditEvent event) {
    return record(event, auth(event.request().caller()), request(event.request()));
  }

  /**
   * A request's record and its response's, as {@link #bytes(AuditEvent)} would give them; the
   * {@code auth} and {@code request} blocks both carry are built once when both events are of the
   * same request.
   */
  public AuditRecordFormat.Lines bytes(AuditEvent first, AuditEvent second) {
    if (first.request() != second.request()) {
      return new AuditRecordFormat.Lines(bytes(first), bytes(second));
    }
    JsonObject auth = auth(first.request().caller());
    JsonObject request = request(first.request());
    return new AuditRecordFormat.Lines(
        encode(record(first, auth, request)), encode(record(second, auth, request)));
  }

  private JsonObject record(AuditEvent event, JsonObject auth, JsonObject request) {
    JsonObject record =
        new JsonObject()
            .put("time", event.time().toString())
            .put("type", event.kind().name().toLowerCase(Locale.ROOT))
            .put("auth", auth)
            .put("request", request);
    if (event.decision() != null) {
      record.put(
          "policy_decision",
          new JsonObject()
              .put("allowed", event.decision().allowed())
              .put("reason", event.decision().reason()));
    }
    if (event.response() != null) {
      record.put("response", response(event.response()));
    }
    if (event.error() != null) {
      record.put("error", String.join("; ", event.error().messages()));
      record.put("response", new JsonObject().put("status", event.error().status()));
    }
    return record;
  }

  /**
   * The record serialized as one JSON object, by Jackson's streaming generator (the default Vert.x
   * encoder goes through databind, about twice the cost); any value the generator does not know
   * falls back to the default encoder.
   */
  public byte[] bytes(AuditEvent event) {
    return encode(record(event));
  }

  private static byte[] encode(JsonObject record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      JacksonCodec.encodeJson(record, generator);
    } catch (IOException | EncodeException e) {
      return record.toBuffer().getBytes();
    }
    return out.toByteArray();
  }

  private JsonObject auth(Caller caller) {
    return hashing.newAuth(caller);
  }

  private JsonObject request(RequestContext request) {
    JsonObject out =
        new JsonObject()
            .put("id", request.requestId())
            .put("operation", operation(request))
            .put("path", request.path())
            .put("mount_point", request.mountPath())
            .put("remote_address", request.remoteAddress());
    if (request.body() != null && !request.body().isEmpty()) {
      out.put("data", hashing.hashObject(request.body()));
    }
    return out;
  }

  private JsonObject response(VaultResponse response) {
    JsonObject out = new JsonObject().put("status", response.status());
    if (response.data() != null) {
      out.put("data", hashing.hashObject(response.data()));
    }
    if (response.auth() != null) {
      JsonObject auth = response.auth().copy();
      if (auth.getValue("client_token") != null) {
        auth.put("client_token", hashing.hashValue(auth.getValue("client_token")));
      }
      if (auth.getValue("accessor") instanceof String a) {
        auth.put("accessor", hashing.accessor(a));
      }
      out.put("auth", auth);
    }
    if (!response.warnings().isEmpty()) {
      out.put("warnings", new JsonArray(List.copyOf(response.warnings())));
    }
    return out;
  }

  /** Vault's operation name: a write is {@code create} when its existence check found nothing. */
  private static String operation(RequestContext request) {
    OperationKind kind = request.kind();
    if (kind == OperationKind.WRITE) {
      return request.isCreate() ? "create" : "update";
    }
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
