package org.keyward.client.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.keyward.server.VaultTestServer;

/** Runs the CLI in-process against a live server with captured stdin, stdout and stderr. */
final class CliRunner {
  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private final Map<String, String> env;

  CliRunner(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The environment a deployment sets (address, CA, root token) with HOME at {@code home}. */
  static Map<String, String> environment(VaultTestServer server, Path home) {
    Map<String, String> env = new HashMap<>();
    env.put("VAULT_ADDR", server.address());
    env.put("VAULT_CACERT", server.caCertificate().toString());
    env.put("VAULT_TOKEN", VaultTestServer.ROOT);
    env.put("HOME", home.toString());
    return env;
  }

  Run run(String... args) {
    return runWithStdin("", args);
  }

  Run runWithStdin(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        KeywardCli.run(
            args,
            env,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  CliRunner with(String key, String value) {
    Map<String, String> e = new HashMap<>(env);
    if (value == null) {
      e.remove(key);
    } else {
      e.put(key, value);
    }
    return new CliRunner(e);
  }
}
