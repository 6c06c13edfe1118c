package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few hundred malformed requests, sent as raw bytes over TLS to a real dev server process with
 * its shipped 256 MiB heap cap ({@code -XX:+ExitOnOutOfMemoryError}, so running out of memory would
 * end it): bad UTF-8, huge numbers, wrong types, deep JSON, nested HCL, oversized headers and
 * paths, garbage instead of TLS, clients that stall mid-request. No answer may be a 5xx (lenient
 * endpoints may accept odd bodies, as Vault's do, and a refusal from our code has an {@code errors}
 * body; below HTTP a closed connection is a refusal too), none may hang, and afterwards the server
 * is alive, healthy, still serving and has logged no error.
 */
class HostileHttpIT {
  private static final int READ_TIMEOUT_MS = 20_000;
  private static final Pattern STATUS = Pattern.compile("^HTTP/(?:1\\.[01]|9\\.9) (\\d{3}) ");
  private static final List<String> WRITE_PATHS =
      List.of(
          "/v1/secret/data/hostile",
          "/v1/secret/metadata/hostile",
          "/v1/transit/keys/hostile",
          "/v1/transit/encrypt/hostile",
          "/v1/transit/decrypt/hostile",
          "/v1/transit/sign/hostile",
          "/v1/transit/verify/hostile",
          "/v1/sys/policies/acl/hostile",
          "/v1/sys/mounts/hostile",
          "/v1/pki/issue/cell-server",
          "/v1/pki/sign/cell-server",
          "/v1/auth/approle/login",
          "/v1/auth/token/create");

  @TempDir static Path dir;
  private static DevServerProcess server;
  private static SSLContext tls;

  @BeforeAll
  static void start() throws Exception {
    server = DevServerProcess.start(dir, "");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(server.caCertificate())) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), new SecureRandom());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void malformedRequests_getNo5xx_andLeaveTheServerHealthy() throws Exception {
    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (String path : WRITE_PATHS) {
      for (byte[] body : hostileBodies(path)) {
        sent++;
        check(failures, path, request("POST", path, body, "application/json"));
      }
      // The same bodies as a form post, which Netty decodes before our code sees them.
      sent++;
      check(
          failures,
          path + " (form)",
          request("POST", path, deepJson(3_000), "application/x-www-form-urlencoded"));
    }
    for (byte[] raw : hostileRequestHeads()) {
      sent++;
      check(
          failures, new String(raw, 0, Math.min(raw.length, 60), StandardCharsets.ISO_8859_1), raw);
    }
    assertTrue(sent >= 200, "sent " + sent);
    assertEquals(List.of(), failures);
    garbageInsteadOfTls();
    slowClientsDoNotStopOthers();
    assertHealthyAfterwards();
  }

  /** Bodies that are not what the endpoint takes, each in several shapes. */
  private static List<byte[]> hostileBodies(String path) {
    List<byte[]> bodies = new ArrayList<>();
    for (String json :
        List.of(
            "",
            "{",
            "null",
            "[]",
            "\"text\"",
            "{\"data\":\"not an object\"}",
            "{\"data\":{\"k\":\"v\"},\"options\":{\"cas\":1e999999}}",
            "{\"plaintext\":12345678901234567890123456789012345678901234567890}",
            "{\"ciphertext\":\"vault:v99999999999999999999:AAAA\"}",
            "{\"ciphertext\":\"vault:v1:" + "A".repeat(100_000) + "\"}",
            "{\"signature\":\"vault:v-1:%%%\",\"input\":\"aGk=\"}",
            "{\"ttl\":\"99999999999999999999h\",\"common_name\":\"x\"}",
            "{\"ttl\":-1,\"common_name\":[\"x\"]}",
            "{\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----\\nMIIB\\n-----END CERTIFICATE REQUEST-----\"}",
            "{\"csr\":12}",
            "{\"type\":{\"a\":1},\"policy\":[1,2]}",
            "{\"policy\":\"path \\\"a\\\" { capabilities = " + "[".repeat(5_000) + "\"}",
            "{\"policy\":\"a = \\\"${" + "${".repeat(2_000) + "\\\"\"}",
            "{\"role_id\":null,\"secret_id\":{}}",
            "{\"policies\":\"" + "x,".repeat(20_000) + "\"}",
            "{\"a\":1,\"a\":2}",
            "{\"\\u0000\":\"\\ud800\"}")) {
      bodies.add(json.getBytes(StandardCharsets.UTF_8));
    }
    bodies.add(deepJson(100_000));
    bodies.add(deepObject(5_000));
    bodies.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    bodies.add(new byte[] {'{', '"', (byte) 0xF8, (byte) 0x88, (byte) 0x80, '"', ':', '1', '}'});
    bodies.add(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'});
    Random random = new Random(path.hashCode());
    for (int i = 0; i < 3; i++) {
      byte[] noise = new byte[1 + random.nextInt(4096)];
      random.nextBytes(noise);
      bodies.add(noise);
    }
    return bodies;
  }

  /** Request lines and headers HTTP parsers choke on. */
  private static List<byte[]> hostileRequestHeads() {
    List<String> heads =
        List.of(
            "GET /v1/sys/health?" + "a=b&".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /v1/" + "a/".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /v1/sys/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(100_000) + "\r\n\r\n",
            "GET /v1/sys/health HTTP/1.1\r\nHost: x\r\n" + "X-H: 1\r\n".repeat(5_000) + "\r\n",
            "GET /v1/secret/data/%ff%fe%00 HTTP/1.1\r\nHost: x\r\nX-Vault-Token: t\r\n\r\n",
            "GET /v1/secret/data/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /v1/sys/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /v1/sys/health HTTP/1.1\r\nHost: x\r\nX-Vault-Token: \u00ff\u00fe\r\n\r\n",
            "POST /v1/secret/data/x HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
            "POST /v1/secret/data/x HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            "POST /v1/secret/data/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "fffffffffffffffffff\r\n",
            "POST /v1/secret/data/x HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "BREW /v1/sys/health HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /v1/sys/health HTTP/9.9\r\nHost: x\r\n\r\n",
            "GET\r\n\r\n",
            "GET /v1/sys/health HTTP/1.1\r\nHost: x\r\nX-Vault-Token: a\r\nX-Vault-Token: b\r\n\r\n",
            "GET /v1/sys/health HTTP/1.1\nHost: x\n\n");
    List<byte[]> out = new ArrayList<>();
    for (String head : heads) {
      out.add(head.getBytes(StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  private static byte[] deepJson(int levels) {
    return ("{\"data\":" + "[".repeat(levels) + "]".repeat(levels) + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] deepObject(int levels) {
    return ("{\"a\":".repeat(levels) + "1" + "}".repeat(levels)).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] request(String method, String path, byte[] body, String contentType) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Vault-Token: "
            + server.rootToken()
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /**
   * Sends {@code raw} on a fresh TLS connection and records a failure unless the answer is a 4xx
   * with an errors body, or the server closed the connection without answering (below HTTP).
   */
  private static void check(List<String> failures, String what, byte[] raw) {
    String response;
    try {
      response = exchange(raw);
    } catch (SocketTimeoutException e) {
      failures.add(what + ": no answer within " + READ_TIMEOUT_MS + " ms");
      return;
    } catch (IOException e) {
      return; // reset while we were still sending: refused below HTTP, which is fine
    }
    if (response.isEmpty()) {
      return;
    }
    Matcher m = STATUS.matcher(response);
    if (!m.find()) {
      failures.add(what + ": not HTTP: " + abbreviate(response));
      return;
    }
    int status = Integer.parseInt(m.group(1));
    // Netty answers an unknown HTTP version (HTTP/9.9) 501 before any of our code runs; RFC 9110
    // wants a 5xx there (505), so that one is allowed.
    boolean unknownVersion = what.contains(" HTTP/9.9") && status == 501;
    if (status >= 500 && !unknownVersion) {
      failures.add(what + ": " + status + " " + abbreviate(response));
    } else if (status >= 400
        && response.contains("\r\n\r\n{")
        && !response.contains("\"errors\"")) {
      failures.add(what + ": 4xx without errors: " + abbreviate(response));
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private static String exchange(byte[] raw) throws IOException {
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      socket.setSoTimeout(READ_TIMEOUT_MS);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      try {
        out.write(raw);
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before reading everything; read what it said.
      }
      return new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      if (out.size() == 0) {
        throw e;
      }
    } catch (IOException e) {
      // A reset after the answer: keep what arrived.
    }
    return out.toByteArray();
  }

  /** Plain bytes, a fake TLS record and an SSLv2 hello on the TLS port: the connection closes. */
  private static void garbageInsteadOfTls() throws Exception {
    Random random = new Random(42);
    List<byte[]> garbage = new ArrayList<>();
    garbage.add(
        "GET /v1/sys/health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    garbage.add(new byte[] {0x16, 0x03, 0x01, (byte) 0xFF, (byte) 0xFF, 0x01, 0x00});
    garbage.add(new byte[] {(byte) 0x80, 0x2E, 0x01, 0x00, 0x02, 0x00, 0x15});
    for (int i = 0; i < 20; i++) {
      byte[] noise = new byte[1 + random.nextInt(20_000)];
      random.nextBytes(noise);
      garbage.add(noise);
    }
    for (byte[] bytes : garbage) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        try {
          socket.getOutputStream().write(bytes);
        } catch (IOException e) {
          continue; // closed on us mid-write: refused
        }
        readAll(socket.getInputStream()); // a TLS alert at most, then the close; never a hang
      }
    }
  }

  /**
   * Clients that send half a request and stall (slowloris) hold connections, not the event loops:
   * while they wait, a normal request is still answered.
   */
  private static void slowClientsDoNotStopOthers() throws Exception {
    List<SSLSocket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 30; i++) {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        s.startHandshake();
        s.getOutputStream()
            .write(
                ("POST /v1/secret/data/slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
      }
      String health =
          exchange(
              "GET /v1/sys/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      assertTrue(health.startsWith("HTTP/1.1 200 "), abbreviate(health));
    } finally {
      for (SSLSocket s : slow) {
        s.close();
      }
    }
  }

  private static void assertHealthyAfterwards() throws Exception {
    assertTrue(server.isAlive(), "server process still running (no OutOfMemoryError exit)");
    String health =
        exchange(
            "GET /v1/sys/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
    assertTrue(health.startsWith("HTTP/1.1 200 "), abbreviate(health));
    byte[] write = "{\"data\":{\"still\":\"works\"}}".getBytes(StandardCharsets.UTF_8);
    String written = exchange(request("POST", "/v1/secret/data/after", write, "application/json"));
    assertTrue(written.startsWith("HTTP/1.1 200 "), abbreviate(written));
    String read =
        exchange(
            ("GET /v1/secret/data/after HTTP/1.1\r\nHost: x\r\nX-Vault-Token: "
                    + server.rootToken()
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    assertTrue(read.contains("\"still\":\"works\""), abbreviate(read));
    List<String> log = Files.readAllLines(server.log);
    for (String line : log) {
      assertTrue(!line.contains("[ERROR]") && !line.startsWith("\tat "), "logged: " + line);
      assertTrue(!line.contains("SLF4J") && !line.contains("Gauge has been already"), line);
    }
  }
}
