package org.keyward.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.keyward.client.SecretString;
import org.keyward.client.VaultClient;
import org.keyward.client.VaultConfig;

/**
 * What a command may touch outside itself: the environment ({@code VAULT_*}, {@code HOME}), stdin,
 * stdout and stderr. Passed in, so that tests run the CLI in-process with captured streams.
 */
final class CliContext {
  private final Map<String, String> env;
  private final InputStream stdin;
  private final PrintWriter out;
  private final PrintWriter err;
  private boolean stdinUsed;

  CliContext(Map<String, String> env, InputStream stdin, PrintWriter out, PrintWriter err) {
    this.env = Map.copyOf(env);
    this.stdin = stdin;
    this.out = out;
    this.err = err;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  Map<String, String> env() {
    return env;
  }

  /** Where {@code login} keeps the token, as the {@code vault} CLI does: {@code ~/.vault-token}. */
  TokenFile tokenFile() {
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return new TokenFile(Path.of(home, ".vault-token"));
  }

  /** All of stdin, read once; a second argument asking for it is a usage error. */
  byte[] readStdin(String what) {
    if (stdinUsed) {
      throw new UsageException("only one value can be read from stdin (" + what + ")");
    }
    stdinUsed = true;
    try {
      return stdin.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read stdin", e);
    }
  }

  String readStdinText(String what) {
    return TextInput.chompNewline(new String(readStdin(what), StandardCharsets.UTF_8));
  }

  /**
   * Asks on the terminal, without echo when {@code secret} (passwords), as {@code vault login}
   * does. Fails with a usage error when there is no terminal (scripts, pipes): they pass the value
   * as an argument instead.
   */
  String prompt(String label, boolean secret, String argumentHint) {
    java.io.Console console = System.console();
    if (console == null) {
      throw new UsageException("no terminal to ask for the " + label + ": give " + argumentHint);
    }
    if (secret) {
      char[] typed = console.readPassword("%s (will be hidden): ", label);
      return typed == null ? "" : new String(typed);
    }
    String line = console.readLine("%s: ", label);
    return line == null ? "" : line.strip();
  }

  /** A client from {@code VAULT_*}; without {@code VAULT_TOKEN}, the token {@code login} kept. */
  VaultClient client() {
    return VaultClient.create(config().build());
  }

  VaultConfig.Builder config() {
    VaultConfig.Builder b = VaultConfig.fromEnvironment(env);
    String token = env.get("VAULT_TOKEN");
    if (token == null || token.isBlank()) {
      tokenFile().read().map(SecretString::of).ifPresent(b::token);
    }
    return b;
  }
}
