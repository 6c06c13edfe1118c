package org.keyward.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain-HTTP OCSP endpoint on port 0 that hands each POST to a test server's own responder over
 * its TLS: the cert login's OCSP client trusts only the JVM's CAs, which do not include a test
 * server's per-run certificate, so the relay stands where a production responder URL would.
 */
final class OcspRelay implements AutoCloseable {
  private final HttpServer http;

  OcspRelay(VaultTestServer target) throws IOException {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(target.sslContext())
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody();
              OutputStream out = exchange.getResponseBody()) {
            HttpResponse<byte[]> answer =
                client.send(
                    HttpRequest.newBuilder(URI.create(target.address() + "/v1/pki/ocsp"))
                        .header("Content-Type", "application/ocsp-request")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes()))
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
            out.write(answer.body());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
          }
        });
    http.start();
  }

  String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/ocsp";
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
