package org.keyward.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends {@link VaultCall}s with the JDK {@link HttpClient}: one {@code X-Keyward-Request-Id} per
 * call (kept across its retries), a timeout on connect and on each attempt, and retries with
 * backoff and jitter on 429, 5xx and connection errors for idempotent calls only. An answer of 400
 * or more fails the future with a {@link VaultException} holding the server's {@code errors}. At
 * most {@link VaultConfig#maxConcurrentRequests()} requests are on the wire at once; the others
 * wait their turn, and their timeout starts when they are sent. An idempotent call refused with 403
 * is sent once more if the session replaced a dead token meanwhile. Thread-safe; no call blocks a
 * thread.
 */
final class HttpTransport {
  static final String REQUEST_ID_HEADER = "X-Keyward-Request-Id";
  private final VaultConfig config;
  private final HttpClient http;
  private final ObjectMapper json;
  private final Supplier<Optional<SecretString>> token;
  private final InFlightLimit limit;
  private final Endpoints endpoints;
  private final Function<SecretString, CompletableFuture<Boolean>> recoverFromDenied;

  HttpTransport(
      VaultConfig config,
      ObjectMapper json,
      Supplier<Optional<SecretString>> token,
      Function<SecretString, CompletableFuture<Boolean>> recoverFromDenied) {
    this.config = config;
    this.json = json;
    this.token = token;
    this.recoverFromDenied = recoverFromDenied;
    this.limit = new InFlightLimit(config.maxConcurrentRequests());
    this.endpoints = new Endpoints(config.addresses());
    this.http =
        HttpClient.newBuilder()
            .sslContext(config.sslContext())
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  ObjectMapper json() {
    return json;
  }

  CompletableFuture<VaultReply> send(VaultCall call) {
    String requestId = UUID.randomUUID().toString();
    Optional<SecretString> used = tokenFor(call);
    CompletableFuture<VaultReply> first =
        attempt(call, request(call, requestId, used), requestId, 1);
    if (!call.idempotent() || call.token() != null || used.isEmpty()) {
      return first;
    }
    // A session token refused with 403 may have been revoked or expired behind the session's back:
    // once the session has a fresh one, an idempotent call is sent once more with it.
    return first
        .handle(
            (reply, error) -> {
              if (error == null) {
                return CompletableFuture.completedFuture(reply);
              }
              Throwable cause = Futures.cause(error);
              if (!(cause instanceof VaultException denied) || denied.status() != 403) {
                return CompletableFuture.<VaultReply>failedFuture(cause);
              }
              return recoverFromDenied
                  .apply(used.get())
                  .thenCompose(
                      fresh ->
                          fresh
                              ? attempt(
                                  call, request(call, requestId, tokenFor(call)), requestId, 1)
                              : CompletableFuture.<VaultReply>failedFuture(denied));
            })
        .thenCompose(f -> f);
  }

  /**
   * GETs {@code path} (a snapshot) straight into {@code target}, never through memory: written to a
   * temporary file beside it and moved into place on 200; any other answer fails with its errors
   * and leaves no file. Not retried (a snapshot is large and the caller can run it again).
   */
  CompletableFuture<Void> download(String path, Path target) {
    VaultCall call = VaultCall.read(path);
    String requestId = UUID.randomUUID().toString();
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(call))
            .timeout(Duration.ofHours(1))
            .header(REQUEST_ID_HEADER, requestId)
            .GET();
    tokenFor(call).ifPresent(t -> b.header("X-Vault-Token", t.reveal()));
    HttpRequest request = b.build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofFile(partial))
        .thenApply(
            response -> {
              try {
                if (response.statusCode() != 200) {
                  byte[] body = Files.readAllBytes(partial);
                  Files.deleteIfExists(partial);
                  reply(call, withBody(response, body), requestId);
                  throw new VaultException(
                      call.describe(), response.statusCode(), List.of(), requestId, null);
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                return null;
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  /** POSTs the file {@code source} as the raw body of {@code path} (a snapshot restore). */
  CompletableFuture<VaultReply> upload(String path, Path source) {
    VaultCall call = VaultCall.write(path, null);
    String requestId = UUID.randomUUID().toString();
    HttpRequest.Builder b;
    try {
      b =
          HttpRequest.newBuilder(uri(call))
              .timeout(Duration.ofHours(1))
              .header(REQUEST_ID_HEADER, requestId)
              .header("Content-Type", "application/octet-stream")
              .POST(HttpRequest.BodyPublishers.ofFile(source));
    } catch (java.io.FileNotFoundException e) {
      return CompletableFuture.failedFuture(new java.io.UncheckedIOException(e));
    }
    tokenFor(call).ifPresent(t -> b.header("X-Vault-Token", t.reveal()));
    HttpRequest request = b.build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(response -> reply(call, response, requestId));
  }

  /** {@code response} with {@code body} in place of its file path, for error parsing. */
  private static HttpResponse<byte[]> withBody(HttpResponse<Path> response, byte[] body) {
    return new HttpResponse<>() {
      @Override
      public int statusCode() {
        return response.statusCode();
      }

      @Override
      public HttpRequest request() {
        return response.request();
      }

      @Override
      public Optional<HttpResponse<byte[]>> previousResponse() {
        return Optional.empty();
      }

      @Override
      public java.net.http.HttpHeaders headers() {
        return response.headers();
      }

      @Override
      public byte[] body() {
        return body;
      }

      @Override
      public Optional<javax.net.ssl.SSLSession> sslSession() {
        return response.sslSession();
      }

      @Override
      public URI uri() {
        return response.uri();
      }

      @Override
      public HttpClient.Version version() {
        return response.version();
      }
    };
  }

  /** The token the call is sent with: its own, none, or the session's current one. */
  private Optional<SecretString> tokenFor(VaultCall call) {
    if (call.token() != null) {
      return Optional.of(call.token());
    }
    return call.anonymous() ? Optional.empty() : token.get();
  }

  private CompletableFuture<VaultReply> attempt(
      VaultCall call, HttpRequest request, String requestId, int attempt) {
    CompletableFuture<VaultReply> result = new CompletableFuture<>();
    limit
        .acquire()
        .thenCompose(
            v -> {
              try {
                return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((r, e) -> limit.release());
              } catch (RuntimeException e) {
                limit.release();
                throw e;
              }
            })
        .whenComplete(
            (response, error) -> {
              Throwable cause = Futures.cause(error);
              if ((cause != null && retryableError(cause))
                  || (response != null && response.statusCode() == 503)) {
                // This node does not answer (or has no active to forward to): try the next one.
                endpoints.failed(request.uri());
              }
              boolean retry =
                  call.idempotent()
                      && attempt < config.retryPolicy().maxAttempts()
                      && (cause != null
                          ? retryableError(cause)
                          : RetryPolicy.retryableStatus(response.statusCode()));
              if (retry) {
                Duration delay = delay(attempt, response);
                CompletableFuture.runAsync(
                    () ->
                        attempt(call, rebased(request), requestId, attempt + 1)
                            .whenComplete(
                                (r, e) -> {
                                  if (e != null) {
                                    result.completeExceptionally(e);
                                  } else {
                                    result.complete(r);
                                  }
                                }),
                    CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
              } else if (cause != null) {
                result.completeExceptionally(
                    new VaultException(call.describe(), 0, List.of(), requestId, cause));
              } else {
                try {
                  result.complete(reply(call, response, requestId));
                } catch (VaultException e) {
                  result.completeExceptionally(e);
                }
              }
            });
    return result;
  }

  /** {@code request} sent to the address in use now (another node after a failover). */
  private HttpRequest rebased(HttpRequest request) {
    URI target = endpoints.rebase(request.uri());
    if (target.equals(request.uri())) {
      return request;
    }
    return HttpRequest.newBuilder(request, (name, value) -> true).uri(target).build();
  }

  /** The policy's backoff, or longer if a 429/503 says {@code Retry-After} (capped at maxDelay). */
  private Duration delay(int attempt, HttpResponse<byte[]> response) {
    Duration backoff = config.retryPolicy().delayAfter(attempt);
    if (response == null) {
      return backoff;
    }
    String after = response.headers().firstValue("Retry-After").orElse("");
    if (!after.matches("[0-9]{1,6}")) {
      return backoff;
    }
    Duration asked = Duration.ofSeconds(Long.parseLong(after));
    Duration cap = config.retryPolicy().maxDelay();
    return asked.compareTo(backoff) > 0 ? (asked.compareTo(cap) > 0 ? cap : asked) : backoff;
  }

  /** Connection refused or reset, timeouts: yes; a certificate the client does not trust: no. */
  private static boolean retryableError(Throwable error) {
    if (!(error instanceof IOException)) {
      return false;
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof CertificateException) {
        return false;
      }
    }
    return true;
  }

  private HttpRequest request(VaultCall call, String requestId, Optional<SecretString> token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(call))
            .timeout(config.requestTimeout())
            .header(REQUEST_ID_HEADER, requestId)
            .header("Accept", "application/json");
    token.ifPresent(t -> b.header("X-Vault-Token", t.reveal()));
    String method = "LIST".equals(call.method()) ? "GET" : call.method();
    if (call.body() == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header(
          "Content-Type",
          "PATCH".equals(method) ? "application/merge-patch+json" : "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofByteArray(encode(call.body())));
    }
    return b.build();
  }

  private byte[] encode(JsonNode body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode request body", e);
    }
  }

  /** {@code <address>/v1/<path>}, each segment percent-encoded; LIST becomes {@code ?list=true}. */
  private URI uri(VaultCall call) {
    StringBuilder path = new StringBuilder("v1");
    String query = null;
    String raw = call.path();
    int q = raw.indexOf('?');
    if (q >= 0) {
      query = raw.substring(q + 1);
      raw = raw.substring(0, q);
    }
    for (String segment : raw.split("/", -1)) {
      if (!segment.isEmpty()) {
        path.append('/')
            .append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
      }
    }
    if (raw.endsWith("/") && "LIST".equals(call.method())) {
      path.append('/');
    }
    if ("LIST".equals(call.method())) {
      query = query == null ? "list=true" : query + "&list=true";
    }
    return endpoints.current().resolve(path + (query == null ? "" : "?" + query));
  }

  private VaultReply reply(VaultCall call, HttpResponse<byte[]> response, String requestId) {
    byte[] body = response.body() == null ? new byte[0] : response.body();
    JsonNode parsed = parse(response, body);
    int status = response.statusCode();
    if (status >= 400) {
      List<String> errors = new ArrayList<>();
      if (parsed != null) {
        parsed.path("errors").forEach(e -> errors.add(e.asText()));
        // A failed batch answers 400 with per-item errors rather than top-level ones.
        errors.addAll(batchErrors(parsed.path("data")));
      }
      throw new VaultException(call.describe(), status, errors, requestId, null);
    }
    return new VaultReply(status, body, parsed, requestId);
  }

  /** The per-item errors of a batch answer's {@code data}, as {@code "item <i>: <error>"}. */
  static List<String> batchErrors(JsonNode data) {
    List<String> errors = new ArrayList<>();
    int i = 0;
    for (JsonNode item : data.path("batch_results")) {
      String error = item.path("error").asText("");
      if (!error.isEmpty()) {
        errors.add("item " + i + ": " + error);
      }
      i++;
    }
    return errors;
  }

  private JsonNode parse(HttpResponse<byte[]> response, byte[] body) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (body.length == 0 || !type.contains("json")) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
