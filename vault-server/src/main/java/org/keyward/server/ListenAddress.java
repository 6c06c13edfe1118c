package org.keyward.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the HTTPS listener binds: {@code HOST:PORT}, or {@code [IPV6]:PORT}. Port 0 asks the system
 * for a free port (tests).
 */
public record ListenAddress(String host, int port) {
  private static final Pattern FORM =
      Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^:\\[\\]/]+)):(\\d{1,5})");

  public ListenAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range 0-65535: " + port);
    }
  }

  /**
   * Parses {@code HOST:PORT}.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static ListenAddress parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("expected HOST:PORT or [IPV6]:PORT, got '" + text + "'");
    }
    String host = m.group(1) != null ? m.group(1) : m.group(2);
    return new ListenAddress(host, Integer.parseInt(m.group(3)));
  }

  /** True for 0.0.0.0 and ::, which bind every interface but are no address to connect to. */
  public boolean isWildcard() {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  /** The host a local client should dial: the bound host, or loopback for a wildcard bind. */
  public String connectHost() {
    return isWildcard() ? "127.0.0.1" : host;
  }

  /** {@code https://host:port} for clients, with brackets around an IPv6 host. */
  public String httpsUrl(int actualPort) {
    String h = connectHost();
    return "https://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + actualPort;
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
