package org.keyward.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One request as the pipeline decoded it, made with {@link #builder}. The caller is set once, after
 * authentication; every other field is fixed at decode time.
 */
public final class RequestContext {
  private final String requestId;
  private final OperationKind kind;
  private final String path;
  private final String mountPath;
  private final Map<String, String> params;
  private final MultiMap query;
  private final JsonObject body;
  private final Optional<ClientToken> token;
  private final String remoteAddress;
  private final Supplier<List<X509Certificate>> peerChain;
  private List<X509Certificate> peerCertificates;
  private final MultiMap headers;
  private Caller caller = Caller.ANONYMOUS;
  private byte[] rawBody = new byte[0];
  private boolean create;
  private Object existenceRead;
  private ReadStream<Buffer> upload;

  private RequestContext(Builder b) {
    this.requestId = Objects.requireNonNull(b.requestId, "requestId");
    this.kind = Objects.requireNonNull(b.kind, "kind");
    this.path = Objects.requireNonNull(b.path, "path");
    this.mountPath = Objects.requireNonNull(b.mountPath, "mountPath");
    this.params = Map.copyOf(b.params);
    this.query = b.query;
    this.body = b.body;
    this.token = b.token;
    this.remoteAddress = b.remoteAddress;
    this.peerChain = b.peerChain;
    this.headers = b.headers;
  }

  /**
   * A request with the given id and kind; {@link Builder#path} and {@link Builder#mount} must be
   * set, everything else defaults to absent (no parameters, query, body, token, certificates or
   * headers; an empty remote address).
   */
  public static Builder builder(String requestId, OperationKind kind) {
    return new Builder(requestId, kind);
  }

  /** Builds a {@link RequestContext} by named parts, so no two strings can trade places. */
  public static final class Builder {
    private final String requestId;
    private final OperationKind kind;
    private String path;
    private String mountPath;
    private Map<String, String> params = Map.of();
    private MultiMap query = MultiMap.caseInsensitiveMultiMap();
    private JsonObject body = new JsonObject();
    private Optional<ClientToken> token = Optional.empty();
    private String remoteAddress = "";
    private Supplier<List<X509Certificate>> peerChain = List::of;
    private MultiMap headers = MultiMap.caseInsensitiveMultiMap();

    private Builder(String requestId, OperationKind kind) {
      this.requestId = requestId;
      this.kind = kind;
    }

    /** The full logical path without {@code /v1/}, e.g. {@code secret/data/a/b}. */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** The mount that serves the path, with a trailing slash, e.g. {@code secret/}. */
    public Builder mount(String mountPath) {
      this.mountPath = mountPath;
      return this;
    }

    /** Path parameters named in the operation's pattern. */
    public Builder params(Map<String, String> params) {
      this.params = params;
      return this;
    }

    public Builder query(MultiMap query) {
      this.query = query;
      return this;
    }

    public Builder body(JsonObject body) {
      this.body = body;
      return this;
    }

    public Builder token(Optional<ClientToken> token) {
      this.token = token;
      return this;
    }

    public Builder remoteAddress(String remoteAddress) {
      this.remoteAddress = remoteAddress;
      return this;
    }

    /**
     * The client certificate chain of the TLS connection (leaf first), read only when an operation
     * asks for it: reading it from a connection without a client certificate builds an exception,
     * which almost every request can skip.
     */
    public Builder peerCertificates(Supplier<List<X509Certificate>> peerChain) {
      this.peerChain = peerChain;
      return this;
    }

    /**
     * The HTTP request headers, for the few operations whose meaning depends on one (kv-v2 PATCH
     * needs {@code Content-Type: application/merge-patch+json}).
     */
    public Builder headers(MultiMap headers) {
      this.headers = headers;
      return this;
    }

    public RequestContext build() {
      return new RequestContext(this);
    }
  }

  public String requestId() {
    return requestId;
  }

  public OperationKind kind() {
    return kind;
  }

  public String path() {
    return path;
  }

  public String mountPath() {
    return mountPath;
  }

  /**
   * A path parameter; the pattern guarantees presence, so a missing name is a programming error.
   */
  public String param(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no path parameter " + name);
    }
    return value;
  }

  public Map<String, String> params() {
    return params;
  }

  /** A query parameter, or null. */
  public String query(String name) {
    return query.get(name);
  }

  /** A request header (case-insensitive name), or null. Never holds the client token's value. */
  public String header(String name) {
    if (name.equalsIgnoreCase("X-Vault-Token") || name.equalsIgnoreCase("Authorization")) {
      return null;
    }
    return headers.get(name);
  }

  /** The JSON body; an empty object when the request had none. Do not mutate. */
  public JsonObject body() {
    return body;
  }

  /**
   * The body bytes of an operation flagged {@link Operation.Flag#RAW_BODY}; empty for every other
   * operation. A copy.
   */
  public byte[] rawBody() {
    return rawBody.clone();
  }

  void keepRawBody(byte[] bytes) {
    this.rawBody = bytes.clone();
  }

  public Optional<ClientToken> token() {
    return token;
  }

  public String remoteAddress() {
    return remoteAddress;
  }

  public List<X509Certificate> peerCertificates() {
    if (peerCertificates == null) {
      peerCertificates = List.copyOf(peerChain.get());
    }
    return peerCertificates;
  }

  public Caller caller() {
    return caller;
  }

  void authenticatedAs(Caller caller) {
    this.caller = caller;
  }

  /**
   * True when this write's existence check found no target, so it is Vault's {@code create}
   * operation (needing the {@code create} capability) rather than {@code update}.
   */
  public boolean isCreate() {
    return create;
  }

  void resolvedAsCreate() {
    this.create = true;
  }

  /**
   * Keeps what an existence check read for the action of the same request, so a write reads its
   * target once (the action must still guard its commit against a change since).
   */
  public void keepExistenceRead(Object read) {
    this.existenceRead = read;
  }

  /** What {@link #keepExistenceRead} kept, if it is a {@code type}. */
  public <V> Optional<V> existenceRead(Class<V> type) {
    return type.isInstance(existenceRead)
        ? Optional.of(type.cast(existenceRead))
        : Optional.empty();
  }

  /**
   * The request body as an unread, paused stream, for the few operations that take a body too large
   * to hold in memory (a snapshot restore); empty for every other request, whose body was read and
   * parsed into {@link #body()}. The action reads it at most once.
   */
  public Optional<ReadStream<Buffer>> upload() {
    return Optional.ofNullable(upload);
  }

  void attachUpload(ReadStream<Buffer> stream) {
    this.upload = stream;
  }

  @Override
  public String toString() {
    return "RequestContext[" + requestId + " " + kind + " " + path + "]";
  }
}
