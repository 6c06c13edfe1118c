package org.keyward.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Ships records to another system over TCP, as JSON lines or as RFC 5424 syslog messages with RFC
 * 6587 octet-counting framing, so the log also lives where an intruder on this host cannot edit it.
 * Lines carry the same {@code seq}/{@code prev} chain as a file (starting afresh each time the
 * device starts), so the receiver can check it; a record that could not be written to the socket
 * fails and its seq stays unused, which the receiver sees as a gap: no silent drop.
 *
 * <p>A completed append means the bytes were handed to the kernel's socket buffer; the receiver's
 * acknowledgement is not awaited. One connection, opened on first use and reopened after a failure.
 * Thread-safe.
 */
public final class SocketAuditDevice implements AuditDevice {
  /** facility 10 (security/authorization), severity 6 (informational). */
  private static final int SYSLOG_PRI = 10 * 8 + 6;

  private static final System.Logger LOG = System.getLogger(SocketAuditDevice.class.getName());

  private final String path;
  private final AuditHmac hmac;
  private final AuditRecordFormat format;
  private final NetClient client;
  private final String host;
  private final int port;
  private final boolean syslog;
  private final String hostname;
  private Future<NetSocket> connection;
  private long seq;
  private String prev = AuditChain.GENESIS;
  private boolean closed;

  /**
   * @param address {@code host:port}
   * @param syslog true for RFC 5424 framing, false for JSON lines
   */
  public SocketAuditDevice(
      Vertx vertx,
      String path,
      AuditHmac hmac,
      String address,
      boolean syslog,
      boolean hmacAccessor) {
    int colon = address == null ? -1 : address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw org.keyward.http.ApiError.badRequest("address must be host:port");
    }
    try {
      this.port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw org.keyward.http.ApiError.badRequest("address must be host:port");
    }
    if (port < 1 || port > 65535) {
      throw org.keyward.http.ApiError.badRequest("address port must be 1-65535");
    }
    this.host = address.substring(0, colon);
    this.path = path;
    this.hmac = hmac;
    this.format = new AuditRecordFormat(hmac, hmacAccessor);
    this.syslog = syslog;
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2000));
    this.hostname = localHostname();
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public AuditHmac hmac() {
    return hmac;
  }

  @Override
  public Future<Void> append(AuditEvent event) {
    byte[] body;
    try {
      body = format.bytes(event);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return connection()
        .compose(socket -> write(socket, body))
        .onFailure(
            e ->
                LOG.log(
                    System.Logger.Level.WARNING,
                    "audit device " + path + " could not send to " + host + ":" + port,
                    e));
  }

  private synchronized Future<Void> write(NetSocket socket, byte[] body) {
    // Under the lock, so seq order is write order on the one connection.
    seq++;
    byte[] line = AuditChain.line(seq, prev, body);
    prev = AuditChain.sha256Hex(line);
    return socket.write(frame(line));
  }

  private Buffer frame(byte[] line) {
    if (!syslog) {
      return Buffer.buffer(line.length + 1).appendBytes(line).appendByte((byte) '\n');
    }
    byte[] header =
        ("<" + SYSLOG_PRI + ">1 " + Instant.now() + " " + hostname + " keyward - audit - ")
            .getBytes(StandardCharsets.US_ASCII);
    int length = header.length + line.length;
    return Buffer.buffer(length + 12)
        .appendString(length + " ")
        .appendBytes(header)
        .appendBytes(line);
  }

  private synchronized Future<NetSocket> connection() {
    if (closed) {
      return Future.failedFuture(new java.io.IOException("audit device " + path + " is closed"));
    }
    if (connection == null || connection.failed()) {
      Future<NetSocket> opening = client.connect(port, host);
      connection = opening;
      opening.onSuccess(socket -> socket.closeHandler(v -> forget(opening)));
    }
    return connection;
  }

  private synchronized void forget(Future<NetSocket> dead) {
    if (connection == dead) {
      connection = null;
    }
  }

  @Override
  public synchronized Future<Void> close() {
    closed = true;
    return client.close();
  }

  private static String localHostname() {
    try {
      String name = java.net.InetAddress.getLocalHost().getHostName();
      return name.isEmpty() ? "-" : name.replace(' ', '-');
    } catch (java.net.UnknownHostException e) {
      return "-";
    }
  }
}
