package org.keyward.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Checks certificate files with the openssl command line, as an operator would. */
final class Openssl {
  private Openssl() {}

  static void assertVerifies(Path chain, Path cert) throws Exception {
    String out = run("openssl", "verify", "-CAfile", chain.toString(), cert.toString());
    assertEquals(cert + ": OK", out.strip());
  }

  static void assertKeyMatches(Path key, Path cert) throws Exception {
    String fromKey = run("openssl", "pkey", "-in", key.toString(), "-pubout");
    String fromCert = run("openssl", "x509", "-in", cert.toString(), "-noout", "-pubkey");
    assertEquals(fromCert, fromKey);
  }

  static String text(Path cert) throws Exception {
    return run("openssl", "x509", "-in", cert.toString(), "-noout", "-text");
  }

  static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), () -> String.join(" ", command) + "\n" + out);
    return out;
  }
}
