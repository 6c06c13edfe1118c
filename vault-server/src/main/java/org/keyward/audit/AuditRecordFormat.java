package org.keyward.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keyward.http.ApiError;
import org.keyward.http.Caller;
import org.keyward.http.OperationKind;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * Turns an {@link AuditEvent} into one device's JSON record, in Vault's audit shape: {@code time},
 * {@code type}, {@code auth}, {@code request}, {@code response} or {@code error}, and {@code
 * policy_decision} whenever the request was authorized.
 *
 * <p>What is hashed, and why:
 *
 * <ul>
 *   <li>Every string <em>and every number</em> in request and response {@code data}, recursively,
 *       keys kept. Vault logs numbers in plaintext; Keyward hashes them too, because a PIN or a
 *       one-time code sent as a JSON number is still a secret. {@code sys/audit-hash} checks a
 *       number given as its JSON text (e.g. {@code "1234"}). Booleans and nulls stay readable.
 *   <li>The client token never appears; a response {@code auth} block has its {@code client_token}
 *       hashed.
 *   <li>The token accessor is hashed by default, as in Vault: it cannot read secrets but it can
 *       look up and revoke a token. The device option {@code hmac_accessor=false} logs it in
 *       plaintext so records can be matched against token lookups.
 *   <li>Paths, operation, remote address, display name, policies, auth metadata and error messages
 *       stay readable: they are what an investigator searches by, and error messages are public by
 *       {@code ApiError}'s contract.
 * </ul>
 *
 * Records are written field by field with Jackson's streaming generator, hashing values as they are
 * written: no tree of the record is built (the bytes are those Vert.x's encoder would give for the
 * record as a {@code JsonObject}).
 *
 * <p>Thread-safe; runs on the event loop. Its only state besides the device's key is two bounded
 * caches, of accessor HMACs and of callers' serialized {@code auth} blocks: a token makes many
 * requests, each recorded twice.
 */
public final class AuditRecordFormat {
  private static final JsonFactory JSON = new JsonFactory();

  /** Past this many cached accessor HMACs (or auth blocks) a cache starts over (not an LRU). */
  private static final int ACCESSOR_CACHE_SIZE = 4096;

  private static final SerializedString TIME = new SerializedString("time");
  private static final SerializedString TYPE = new SerializedString("type");
  private static final SerializedString AUTH = new SerializedString("auth");
  private static final SerializedString REQUEST = new SerializedString("request");
  private static final SerializedString POLICY_DECISION = new SerializedString("policy_decision");
  private static final SerializedString ALLOWED = new SerializedString("allowed");
  private static final SerializedString REASON = new SerializedString("reason");
  private static final SerializedString RESPONSE = new SerializedString("response");
  private static final SerializedString ERROR = new SerializedString("error");
  private static final SerializedString STATUS = new SerializedString("status");
  private static final SerializedString DATA = new SerializedString("data");
  private static final SerializedString WARNINGS = new SerializedString("warnings");
  private static final SerializedString ID = new SerializedString("id");
  private static final SerializedString OPERATION = new SerializedString("operation");
  private static final SerializedString PATH = new SerializedString("path");
  private static final SerializedString MOUNT_POINT = new SerializedString("mount_point");
  private static final SerializedString REMOTE_ADDRESS = new SerializedString("remote_address");

  private final AuditHmac hmac;
  private final boolean hmacAccessor;
  private final Map<String, String> accessorHashes = new ConcurrentHashMap<>();
  private final Map<Caller, SerializableString> authBlocks = new ConcurrentHashMap<>();

  public AuditRecordFormat(AuditHmac hmac, boolean hmacAccessor) {
    this.hmac = hmac;
    this.hmacAccessor = hmacAccessor;
  }

  /** The record serialized as one JSON object; every secret value already replaced by its HMAC. */
  public byte[] bytes(AuditEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      write(generator, event, auth(event.request().caller()), hashedBody(event.request()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A request's record and its response's, as {@link #bytes(AuditEvent)} would give them, written
   * by one generator; the request's {@code data} both carry is hashed once when both events are of
   * the same request.
   */
  public Lines bytes(AuditEvent first, AuditEvent second) {
    if (first.request() != second.request()) {
      return new Lines(bytes(first), bytes(second));
    }
    SerializableString auth = auth(first.request().caller());
    JsonObject body = hashedBody(first.request());
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    int split;
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      generator.setRootValueSeparator(null);
      write(generator, first, auth, body);
      generator.flush();
      split = out.size();
      write(generator, second, auth, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] both = out.toByteArray();
    return new Lines(
        Arrays.copyOfRange(both, 0, split), Arrays.copyOfRange(both, split, both.length));
  }

  /** Two serialized records, in order. */
  public record Lines(byte[] first, byte[] second) {}

  private void write(
      JsonGenerator out, AuditEvent event, SerializableString auth, JsonObject hashedBody)
      throws IOException {
    out.writeStartObject();
    out.writeFieldName(TIME);
    out.writeString(event.time().toString());
    out.writeFieldName(TYPE);
    out.writeString(event.kind() == AuditEvent.Kind.REQUEST ? "request" : "response");
    out.writeFieldName(AUTH);
    out.writeRawValue(auth);
    out.writeFieldName(REQUEST);
    writeRequest(out, event.request(), hashedBody);
    if (event.decision() != null) {
      out.writeFieldName(POLICY_DECISION);
      out.writeStartObject();
      out.writeFieldName(ALLOWED);
      out.writeBoolean(event.decision().allowed());
      out.writeFieldName(REASON);
      out.writeString(event.decision().reason());
      out.writeEndObject();
    }
    ApiError error = event.error();
    if (event.response() != null) {
      out.writeFieldName(RESPONSE);
      if (error == null) {
        writeResponse(out, event.response());
      } else {
        // As a JSON object would hold it: an error's status replaces the response in its place.
        writeStatusOnly(out, error.status());
      }
    }
    if (error != null) {
      out.writeFieldName(ERROR);
      out.writeString(String.join("; ", error.messages()));
      if (event.response() == null) {
        out.writeFieldName(RESPONSE);
        writeStatusOnly(out, error.status());
      }
    }
    out.writeEndObject();
  }

  private static void writeStatusOnly(JsonGenerator out, int status) throws IOException {
    out.writeStartObject();
    out.writeFieldName(STATUS);
    out.writeNumber(status);
    out.writeEndObject();
  }

  /**
   * The caller's {@code auth} block, serialized once per caller (a token makes many requests, each
   * recorded twice) and written into records as it is.
   */
  private SerializableString auth(Caller caller) {
    SerializableString cached = authBlocks.get(caller);
    if (cached != null) {
      return cached;
    }
    SerializableString built =
        new SerializedString(new String(encode(newAuth(caller)), StandardCharsets.UTF_8));
    if (authBlocks.size() >= ACCESSOR_CACHE_SIZE) {
      authBlocks.clear();
    }
    authBlocks.put(caller, built);
    return built;
  }

  private static byte[] encode(JsonObject block) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      JacksonCodec.encodeJson(block, generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The caller's {@code auth} block as a tree, before it is serialized and cached. */
  JsonObject newAuth(Caller caller) {
    List<String> policies = new ArrayList<>(caller.policies());
    policies.sort(null);
    return new JsonObject()
        .put("accessor", accessor(caller.accessor()))
        .put("display_name", caller.displayName())
        .put("policies", new JsonArray(policies))
        .put("metadata", new JsonObject(Map.copyOf(caller.metadata())))
        .put("entity_id", caller.entityId())
        .put("auth_path", caller.authPath())
        .put("token_type", caller.isAnonymous() ? "" : "service");
  }

  /** The accessor as records show it: its HMAC when {@code hmac_accessor} is on. */
  String accessor(String accessor) {
    if (accessor == null || accessor.isEmpty() || !hmacAccessor) {
      return accessor == null ? "" : accessor;
    }
    String hashed = accessorHashes.get(accessor);
    if (hashed == null) {
      if (accessorHashes.size() >= ACCESSOR_CACHE_SIZE) {
        accessorHashes.clear();
      }
      hashed = hmac.hash(accessor);
      accessorHashes.put(accessor, hashed);
    }
    return hashed;
  }

  /** The request body with its values hashed, null when there is none. */
  private JsonObject hashedBody(RequestContext request) {
    JsonObject body = request.body();
    return body == null || body.isEmpty() ? null : hashObject(body);
  }

  private static void writeRequest(JsonGenerator out, RequestContext request, JsonObject hashedBody)
      throws IOException {
    out.writeStartObject();
    out.writeFieldName(ID);
    out.writeString(request.requestId());
    out.writeFieldName(OPERATION);
    out.writeString(operation(request));
    out.writeFieldName(PATH);
    out.writeString(request.path());
    out.writeFieldName(MOUNT_POINT);
    out.writeString(request.mountPath());
    out.writeFieldName(REMOTE_ADDRESS);
    out.writeString(request.remoteAddress());
    if (hashedBody != null) {
      out.writeFieldName(DATA);
      JacksonCodec.encodeJson(hashedBody, out);
    }
    out.writeEndObject();
  }

  private void writeResponse(JsonGenerator out, VaultResponse response) throws IOException {
    out.writeStartObject();
    out.writeFieldName(STATUS);
    out.writeNumber(response.status());
    JsonObject data = response.data();
    if (data != null) {
      out.writeFieldName(DATA);
      writeHashed(out, data);
    }
    if (response.auth() != null) {
      JsonObject auth = response.auth().copy();
      if (auth.getValue("client_token") != null) {
        auth.put("client_token", hashValue(auth.getValue("client_token")));
      }
      if (auth.getValue("accessor") instanceof String a) {
        auth.put("accessor", accessor(a));
      }
      out.writeFieldName(AUTH);
      JacksonCodec.encodeJson(auth, out);
    }
    if (!response.warnings().isEmpty()) {
      out.writeFieldName(WARNINGS);
      out.writeStartArray();
      for (String warning : response.warnings()) {
        out.writeString(warning);
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  /** Vault's operation name: a write is {@code create} when its existence check found nothing. */
  private static String operation(RequestContext request) {
    OperationKind kind = request.kind();
    if (kind == OperationKind.WRITE) {
      return request.isCreate() ? "create" : "update";
    }
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Writes {@code value} as {@link #hashValue} would return it, without building it: the response
   * data is streamed, the request body (carried by both records of a pair) is hashed once as a
   * tree.
   */
  private void writeHashed(JsonGenerator out, Object value) throws IOException {
    JsonObject object = object(value);
    if (object != null) {
      out.writeStartObject();
      for (Map.Entry<String, Object> e : object) {
        out.writeFieldName(e.getKey());
        writeHashed(out, e.getValue());
      }
      out.writeEndObject();
      return;
    }
    List<?> items = items(value);
    if (items != null) {
      out.writeStartArray();
      for (Object item : items) {
        writeHashed(out, item);
      }
      out.writeEndArray();
      return;
    }
    Object leaf = hashedLeaf(value);
    if (leaf instanceof String s) {
      out.writeString(s);
    } else if (leaf instanceof Boolean b) {
      out.writeBoolean(b);
    } else {
      out.writeNull();
    }
  }

  /** A copy of {@code in} with every string and number replaced by its HMAC, keys kept. */
  JsonObject hashObject(JsonObject in) {
    return (JsonObject) hashValue(in);
  }

  /** One value as {@link #hashObject} hashes it: objects and lists keep their shape. */
  Object hashValue(Object value) {
    JsonObject object = object(value);
    if (object != null) {
      JsonObject out = new JsonObject();
      for (Map.Entry<String, Object> e : object) {
        out.put(e.getKey(), hashValue(e.getValue()));
      }
      return out;
    }
    List<?> items = items(value);
    if (items != null) {
      JsonArray out = new JsonArray();
      items.forEach(item -> out.add(hashValue(item)));
      return out;
    }
    return hashedLeaf(value);
  }

  /**
   * What a record shows for a value that is neither object nor list: booleans and null as they are,
   * everything else as the HMAC of its text (bytes as base64, as Vert.x would render them). The one
   * place that decides what is hashed, for the tree and the streamed form alike.
   */
  private Object hashedLeaf(Object value) {
    if (value instanceof Boolean || value == null) {
      return value;
    }
    if (value instanceof byte[] b) {
      return hmac.hash(Base64.getEncoder().encodeToString(b));
    }
    return hmac.hash(String.valueOf(value));
  }

  /**
   * A JSON object value as a {@code JsonObject}, or null when {@code value} is not one. Its entries
   * are read through its iterator, which renders values as Vert.x encodes them (bytes as base64,
   * instants as ISO text) before they are hashed.
   */
  private static JsonObject object(Object value) {
    if (value instanceof JsonObject o) {
      return o;
    }
    return value instanceof Map<?, ?> m ? new JsonObject(castMap(m)) : null;
  }

  /** The items of a JSON list value, or null when {@code value} is not one. */
  private static List<?> items(Object value) {
    if (value instanceof JsonArray a) {
      return a.getList();
    }
    return value instanceof List<?> l ? l : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
