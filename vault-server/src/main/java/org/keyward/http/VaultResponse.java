package org.keyward.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What an operation answers, before rendering: Vault's JSON envelope ({@code data}, {@code auth},
 * {@code warnings}, lease fields), a flat JSON object (health, seal status), a raw body (PEM, DER,
 * Prometheus text) or no content. Immutable; the JSON it holds must not be changed afterwards.
 */
public final class VaultResponse {
  enum Shape {
    ENVELOPE,
    SYS_ENVELOPE,
    FLAT,
    RAW,
    FILE,
    NO_CONTENT
  }

  /** Vert.x's own JSON factory, so streamed bodies are written as its trees are. */
  private static final JsonFactory JSON = DatabindCodec.mapper().getFactory();

  private final Shape shape;
  private final int status;
  private final JsonObject data;
  private final JsonObject auth;
  private final List<String> warnings;
  private final String contentType;
  private final Buffer raw;
  private final Path file;
  private final StreamedJson streamed;

  private VaultResponse(
      Shape shape,
      int status,
      JsonObject data,
      JsonObject auth,
      List<String> warnings,
      String contentType,
      Buffer raw) {
    this(shape, status, data, auth, warnings, contentType, raw, null, null);
  }

  private VaultResponse(
      Shape shape,
      int status,
      JsonObject data,
      JsonObject auth,
      List<String> warnings,
      String contentType,
      Buffer raw,
      Path file,
      StreamedJson streamed) {
    this.file = file;
    this.streamed = streamed;
    this.shape = shape;
    this.status = status;
    this.data = data;
    this.auth = auth;
    this.warnings = List.copyOf(warnings);
    this.contentType = contentType;
    this.raw = raw;
  }

  /** 200 with {@code data} in Vault's envelope. */
  public static VaultResponse data(JsonObject data) {
    return new VaultResponse(Shape.ENVELOPE, 200, data, null, List.of(), null, null);
  }

  /**
   * 200 with {@code data} in Vault's envelope, written straight to the body: the same bytes as
   * {@link #data(JsonObject)} of {@code data.toJson()}, without building the tree unless the audit
   * log asks for it ({@link #data()}).
   */
  public static VaultResponse streamedData(StreamedJson data) {
    return new VaultResponse(
        Shape.ENVELOPE, 200, null, null, List.of(), null, null, null, Objects.requireNonNull(data));
  }

  /**
   * 200 with {@code data} in the envelope and its keys also copied to the top level, as Vault's
   * {@code sys/*} endpoints answer.
   */
  public static VaultResponse sysData(JsonObject data) {
    return new VaultResponse(Shape.SYS_ENVELOPE, 200, data, null, List.of(), null, null);
  }

  /** 200 with an {@code auth} block (logins, token create and renew). */
  public static VaultResponse auth(JsonObject auth) {
    return new VaultResponse(Shape.ENVELOPE, 200, null, auth, List.of(), null, null);
  }

  /** A JSON object as the whole body, with its own status (health answers 429, 501, 503...). */
  public static VaultResponse flat(int status, JsonObject body) {
    return new VaultResponse(Shape.FLAT, status, body, null, List.of(), null, null);
  }

  /** A raw body, e.g. PEM or Prometheus text. */
  public static VaultResponse raw(int status, String contentType, Buffer body) {
    return new VaultResponse(Shape.RAW, status, null, null, List.of(), contentType, body);
  }

  /**
   * 200 with the contents of {@code file} streamed from disk as the body (a snapshot, too large to
   * hold in memory). The pipeline deletes the file once it was sent or could not be.
   */
  public static VaultResponse temporaryFile(String contentType, Path file) {
    return new VaultResponse(
        Shape.FILE,
        200,
        null,
        null,
        List.of(),
        contentType,
        null,
        Objects.requireNonNull(file),
        null);
  }

  public static VaultResponse noContent() {
    return new VaultResponse(Shape.NO_CONTENT, 204, null, null, List.of(), null, null);
  }

  public VaultResponse withWarnings(List<String> warnings) {
    return new VaultResponse(shape, status, data, auth, warnings, contentType, raw, file, streamed);
  }

  public VaultResponse withStatus(int status) {
    return new VaultResponse(shape, status, data, auth, warnings, contentType, raw, file, streamed);
  }

  public int status() {
    return status;
  }

  /**
   * The {@code data} object (or the flat body); null when there is none. For the audit log: a
   * streamed answer builds its tree on each call.
   */
  public JsonObject data() {
    return streamed != null ? streamed.toJson() : data;
  }

  public JsonObject auth() {
    return auth;
  }

  public List<String> warnings() {
    return warnings;
  }

  Shape shape() {
    return shape;
  }

  /** The file to send as the body, for {@link Shape#FILE}; null otherwise. */
  Path file() {
    return file;
  }

  String contentType() {
    return contentType;
  }

  /** Renders the body; null for no content. */
  Buffer render(String requestId, String mountType) {
    switch (shape) {
      case NO_CONTENT:
      case FILE:
        return null;
      case RAW:
        return raw;
      case FLAT:
        return data.toBuffer();
      default:
        break;
    }
    if (streamed != null) {
      return renderStreamed(requestId, mountType);
    }
    JsonObject body = new JsonObject();
    if (shape == Shape.SYS_ENVELOPE && data != null) {
      body.mergeIn(data);
    }
    body.put("request_id", requestId)
        .put("lease_id", "")
        .put("renewable", false)
        .put("lease_duration", 0)
        .put("data", data)
        .put("wrap_info", null)
        .put("warnings", warnings.isEmpty() ? null : new JsonArray(List.copyOf(warnings)))
        .put("auth", auth);
    if (mountType != null) {
      body.put("mount_type", mountType);
    }
    return body.toBuffer();
  }

  /**
   * The envelope of {@link #render} written field by field in the same order, with {@code data}
   * written by its {@link StreamedJson}, into one buffer sized up front.
   */
  private Buffer renderStreamed(String requestId, String mountType) {
    Buffer out = Buffer.buffer(streamed.sizeHint() + 256);
    try (JsonGenerator g = JSON.createGenerator(new BufferOutput(out))) {
      g.writeStartObject();
      g.writeStringField("request_id", requestId);
      g.writeStringField("lease_id", "");
      g.writeBooleanField("renewable", false);
      g.writeNumberField("lease_duration", 0);
      g.writeFieldName("data");
      streamed.write(g);
      g.writeNullField("wrap_info");
      g.writeFieldName("warnings");
      if (warnings.isEmpty()) {
        g.writeNull();
      } else {
        g.writeStartArray();
        for (String warning : warnings) {
          g.writeString(warning);
        }
        g.writeEndArray();
      }
      g.writeNullField("auth");
      if (mountType != null) {
        g.writeStringField("mount_type", mountType);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new EncodeException("failed to render a streamed response", e);
    }
    return out;
  }

  /** The generator's flushes (its own buffer of a few KB at a time) appended to a Buffer. */
  private static final class BufferOutput extends OutputStream {
    private final Buffer buffer;

    BufferOutput(Buffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public void write(int b) {
      buffer.appendByte((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      buffer.appendBytes(bytes, offset, length);
    }
  }

  @Override
  public String toString() {
    return "VaultResponse[" + shape + " " + status + "]";
  }
}
