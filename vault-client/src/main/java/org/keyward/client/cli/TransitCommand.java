package org.keyward.client.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keyward.client.Ciphertext;
import org.keyward.client.SecretBytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyward transit encrypt|decrypt}: the plaintext comes from stdin (or {@code @file}) as raw
 * bytes, never from the command line; decrypt writes the raw plaintext to stdout.
 */
@Command(name = "transit", mixinStandardHelpOptions = true, description = "Transit encryption.")
final class TransitCommand extends CliCommand {
  @Command(
      name = "encrypt",
      mixinStandardHelpOptions = true,
      description = "Encrypt stdin (or @file) with a transit key; prints the ciphertext.")
  int encrypt(
      @Option(
              names = {"-mount", "--mount"},
              paramLabel = "<mount>",
              description = "mount path (default: transit)")
          String mount,
      @Parameters(index = "0", paramLabel = "<key>") String key,
      @Parameters(
              index = "1",
              arity = "0..1",
              paramLabel = "<-|@file>",
              description = "where the plaintext is (default: stdin)")
          String source) {
    byte[] plain = plaintext(source == null ? "-" : source);
    Ciphertext ct =
        client().transit(mount == null ? "transit" : mount).encrypt(key, SecretBytes.of(plain));
    Output out = output();
    if (out.json()) {
      out.printJson(
          Map.of("data", Map.of("ciphertext", ct.value(), "key_version", ct.keyVersion())));
    } else {
      out.line(ct.value());
    }
    return KeywardCli.OK;
  }

  @Command(
      name = "decrypt",
      mixinStandardHelpOptions = true,
      description = "Decrypt a ciphertext (argument, '-' or @file); prints the plaintext.")
  int decrypt(
      @Option(
              names = {"-mount", "--mount"},
              paramLabel = "<mount>",
              description = "mount path (default: transit)")
          String mount,
      @Parameters(index = "0", paramLabel = "<key>") String key,
      @Parameters(index = "1", arity = "0..1", paramLabel = "<ciphertext|-|@file>") String source) {
    String text = TextInput.value("ciphertext", source == null ? "-" : source, ctx()).strip();
    Ciphertext ct;
    try {
      ct = Ciphertext.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    SecretBytes plain = client().transit(mount == null ? "transit" : mount).decrypt(key, ct);
    Output out = output();
    if (out.json()) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("plaintext", Base64.getEncoder().encodeToString(plain.reveal()));
      out.printJson(Map.of("data", data));
    } else {
      out.line(new String(plain.reveal(), StandardCharsets.UTF_8));
    }
    return KeywardCli.OK;
  }

  private byte[] plaintext(String source) {
    if (source.equals("-")) {
      return ctx().readStdin("plaintext");
    }
    if (source.startsWith("@")) {
      return TextInput.readBytes(source.substring(1));
    }
    throw new UsageException("the plaintext is read from stdin ('-') or a file ('@file') only");
  }
}
