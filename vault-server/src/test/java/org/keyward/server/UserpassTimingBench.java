package org.keyward.server;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Issue 17's timing check, as a benchmark and not a test: login latency over HTTPS for a wrong
 * password of a known user and for an unknown user, interleaved so that machine drift hits both
 * alike, on the whole dev server (SoftHSM, SQLite, TLS). The lockout threshold is raised so that no
 * attempt is cut short by it. Prints median, mean and p90 of each and their ratio; asserts nothing.
 * Run by hand: {@code java -cp <test class path> org.keyward.server.UserpassTimingBench [n]}.
 */
public final class UserpassTimingBench {
  private UserpassTimingBench() {}

  public static void main(String[] args) throws Exception {
    // Vert.x threads outlive a failed main; exit either way so a failed run does not linger.
    int code = 1;
    try {
      run(args.length > 0 ? Integer.parseInt(args[0]) : 200);
      code = 0;
    } finally {
      System.exit(code);
    }
  }

  private static void run(int n) throws Exception {
    // Load Jackson before the server starts: on a busy machine its first use on the event loop
    // during dev init can outlast the start-up timeout.
    new JsonObject().put("warm", 1).toBuffer();
    Path dir = Files.createTempDirectory("userpass-bench");
    try (VaultTestServer server =
        VaultTestServer.startDev(
            dir.resolve("data"), Map.of(ConfigKey.LOGIN_LOCKOUT_THRESHOLD, "1000"))) {
      server.post("/v1/sys/auth/userpass", new JsonObject().put("type", "userpass"));
      server.post(
          "/v1/auth/userpass/users/known", new JsonObject().put("password", "the-right-password"));
      JsonObject wrong = new JsonObject().put("password", "a-wrong-password");
      for (int i = 0; i < 20; i++) { // warm-up: JIT, TLS sessions, caches
        server.call("POST", "/v1/auth/userpass/login/known", null, wrong);
        server.call("POST", "/v1/auth/userpass/login/warm" + i, null, wrong);
      }
      long[] known = new long[n];
      long[] unknown = new long[n];
      for (int i = 0; i < n; i++) {
        known[i] = time(server, "known", wrong);
        unknown[i] = time(server, "nobody-" + i, wrong);
      }
      report("wrong password", known);
      report("unknown user  ", unknown);
      System.out.printf(
          "median ratio unknown/wrong: %.3f, mean ratio: %.3f (n=%d each)%n",
          median(unknown) / median(known), mean(unknown) / mean(known), n);
    }
  }

  private static long time(VaultTestServer server, String user, JsonObject body) {
    long start = System.nanoTime();
    VaultTestServer.Response r = server.call("POST", "/v1/auth/userpass/login/" + user, null, body);
    long took = System.nanoTime() - start;
    if (r.status() != 400) {
      throw new IllegalStateException("expected 400, got " + r.status() + " " + r.body());
    }
    return took;
  }

  private static void report(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%s: median %.1f ms, mean %.1f ms, p90 %.1f ms%n",
        what, median(nanos) / 1e6, mean(nanos) / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6);
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double mean(long[] nanos) {
    return Arrays.stream(nanos).average().orElse(0);
  }
}
