package org.keyward.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/keyward server -dev} as its own process (the jar is built by then), on a free port,
 * for tests that attack a real server from outside: a TLS scanner, hostile HTTP clients. Holds the
 * printed {@code VAULT_*} settings; {@link #close} stops it with SIGTERM.
 */
final class DevServerProcess implements AutoCloseable {
  static final Path REPO =
      Path.of(System.getProperty("keyward.test.dir", "target"))
          .toAbsolutePath()
          .getParent()
          .getParent();

  private final Process process;
  private final Map<String, String> env;
  final Path log;

  private DevServerProcess(Process process, Map<String, String> env, Path log) {
    this.process = process;
    this.env = env;
    this.log = log;
  }

  /**
   * Starts a dev server under {@code dir} with {@code javaOpts} (e.g. a heap cap) and waits until
   * it printed its settings; its stderr goes to {@code dir/server.log}.
   */
  static DevServerProcess start(Path dir, String javaOpts) throws Exception {
    Path log = dir.resolve("server.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                REPO.resolve("bin/keyward").toString(),
                "server",
                "-dev",
                "-dev-listen-address=127.0.0.1:0",
                "-data-dir=" + dir.resolve("data"))
            .directory(REPO.toFile())
            .redirectError(log.toFile());
    builder.environment().put("JAVA_OPTS", javaOpts);
    Process p = builder.start();
    try {
      return new DevServerProcess(p, readExports(p), log);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("dev server did not start: " + Files.readString(log), e);
    }
  }

  String address() {
    return env.get("VAULT_ADDR");
  }

  /** host:port, as scanners take it. */
  String hostPort() {
    URI uri = URI.create(address());
    return uri.getHost() + ":" + uri.getPort();
  }

  int port() {
    return URI.create(address()).getPort();
  }

  Path caCertificate() {
    return Path.of(env.get("VAULT_CACERT"));
  }

  String rootToken() {
    return env.get("VAULT_TOKEN");
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /**
   * Reads {@code p}'s stdout up to its {@code export VAULT_TOKEN=} line (the server writes dev.env
   * before the export lines) and returns the exported settings.
   */
  static Map<String, String> readExports(Process p) throws Exception {
    CompletableFuture<List<String>> lines =
        CompletableFuture.supplyAsync(
            () -> {
              List<String> seen = new ArrayList<>();
              try {
                BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                  seen.add(line);
                  if (line.startsWith("export VAULT_TOKEN=")) {
                    break;
                  }
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
              return seen;
            });
    // Generous: on a busy machine bin/keyward may still be building the jar or making the token.
    Map<String, String> env = parseExports(lines.get(120, TimeUnit.SECONDS));
    if (!env.keySet().containsAll(List.of("VAULT_ADDR", "VAULT_CACERT", "VAULT_TOKEN"))) {
      throw new IllegalStateException("dev server printed " + env.keySet());
    }
    return env;
  }

  /** The {@code export NAME='value'} lines among {@code lines} (stdout or dev.env), in order. */
  static Map<String, String> parseExports(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.startsWith("export ")) {
        String assignment = line.substring("export ".length());
        int eq = assignment.indexOf('=');
        String value = assignment.substring(eq + 1);
        out.put(assignment.substring(0, eq), value.substring(1, value.length() - 1));
      }
    }
    return out;
  }
}
