package org.keyward.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A tiny HTTPS server (the JDK's) that answers fixed JSON per path and records each request, for
 * what the real server cannot do yet or on demand: AppRole and cert logins (not mounted on this
 * branch), 429 and 503 answers. Requests a client certificate and records it when given.
 */
final class StubVaultServer implements AutoCloseable {
  /** One request as received. */
  record Received(
      String method,
      String path,
      String body,
      String token,
      String requestId,
      X509Certificate clientCertificate) {}

  /** What to answer: a status and a JSON body. */
  record Answer(int status, String json) {}

  private final HttpsServer server;
  private final Map<String, Function<Received, Answer>> routes = new ConcurrentHashMap<>();
  final List<Received> received = new CopyOnWriteArrayList<>();

  StubVaultServer(SSLContext tls) throws IOException {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            params.setWantClientAuth(true);
          }
        });
    server.createContext("/", this::handle);
    server.start();
  }

  void route(String methodAndPath, Function<Received, Answer> answer) {
    routes.put(methodAndPath, answer);
  }

  String address() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Received> requests(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    X509Certificate peer = null;
    try {
      var certs = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
      peer = (X509Certificate) certs[0];
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      // no client certificate: fine for most routes
    }
    Received r =
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
            exchange.getRequestHeaders().getFirst("X-Vault-Token"),
            exchange.getRequestHeaders().getFirst("X-Keyward-Request-Id"),
            peer);
    received.add(r);
    Function<Received, Answer> route = routes.get(r.method() + " " + r.path());
    Answer a = route == null ? new Answer(404, "{\"errors\":[]}") : route.apply(r);
    byte[] body = a.json().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(a.status(), body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
