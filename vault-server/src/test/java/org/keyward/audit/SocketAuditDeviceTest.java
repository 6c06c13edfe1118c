package org.keyward.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keyward.testing.Futures;

class SocketAuditDeviceTest {
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    Futures.await(vertx.close());
  }

  @Test
  void append_toAListener_sendsChainedHashedJsonLines() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      SocketAuditDevice device =
          new SocketAuditDevice(
              vertx,
              "socket/",
              AuditHmac.generate(),
              "127.0.0.1:" + server.getLocalPort(),
              false,
              true);

      Futures.await(device.append(TestAuditEvents.numbered(1)));
      Futures.await(device.append(TestAuditEvents.numbered(2)));

      try (Socket accepted = server.accept();
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(accepted.getInputStream(), StandardCharsets.UTF_8))) {
        String first = in.readLine();
        String second = in.readLine();
        assertEquals(1L, new JsonObject(first).getLong("seq"));
        assertEquals(AuditChain.GENESIS, new JsonObject(first).getString("prev"));
        assertEquals(
            AuditChain.sha256Hex(first.getBytes(StandardCharsets.UTF_8)),
            new JsonObject(second).getString("prev"));
        assertFalse(first.contains("pw-1"));
        assertTrue(first.contains(device.hmac().hash("pw-1")));
      }
      Futures.await(device.close());
    }
  }

  @Test
  void append_asSyslog_framesRfc5424WithOctetCount() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      SocketAuditDevice device =
          new SocketAuditDevice(
              vertx,
              "syslog/",
              AuditHmac.generate(),
              "127.0.0.1:" + server.getLocalPort(),
              true,
              true);

      Futures.await(device.append(TestAuditEvents.numbered(1)));

      try (Socket accepted = server.accept()) {
        var in = accepted.getInputStream();
        StringBuilder count = new StringBuilder();
        int c;
        while ((c = in.read()) != ' ') {
          count.append((char) c);
        }
        byte[] message = in.readNBytes(Integer.parseInt(count.toString()));
        String text = new String(message, StandardCharsets.UTF_8);
        assertEquals(Integer.parseInt(count.toString()), message.length);
        assertTrue(text.startsWith("<86>1 "), text);
        assertTrue(text.contains(" keyward - audit - {\"seq\":1,"), text);
      }
      Futures.await(device.close());
    }
  }

  @Test
  void append_whenNothingListens_fails() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    SocketAuditDevice device =
        new SocketAuditDevice(
            vertx, "socket/", AuditHmac.generate(), "127.0.0.1:" + port, false, true);

    Futures.failure(device.append(TestAuditEvents.numbered(1)));
    Futures.await(device.close());
  }
}
