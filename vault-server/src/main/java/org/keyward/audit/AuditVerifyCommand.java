package org.keyward.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keyward audit verify <file>}: checks an audit log offline. Given the active file, its
 * rotated files ({@code <file>.1}, ...) are checked with it as one chain. Exit 0 intact, 1
 * tampered, 2 usage or unreadable input.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Check an audit log's hash chain and signed checkpoints.")
public final class AuditVerifyCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int TAMPERED = 1;
  static final int USAGE = 2;

  @Parameters(arity = "1", paramLabel = "<file>", description = "the active audit file")
  Path file;

  @Option(
      names = "--public-key",
      paramLabel = "<pem>",
      description = "the published audit key (PEM public key); without it, the key in the log")
  Path publicKey;

  @Option(names = "--only", description = "check only <file>, not its rotated files")
  boolean only;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (!Files.isRegularFile(file)) {
        err.println("not a file: " + file);
        return USAGE;
      }
      PublicKey key = publicKey == null ? null : readPem(publicKey);
      List<Path> files = only ? List.of(file) : new ArrayList<>(AuditFileSet.members(file));
      AuditVerification result = new AuditVerifier(key, -1).verify(files);
      out.println(result.report());
      return result.ok() ? OK : TAMPERED;
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      err.println("cannot verify: " + e.getMessage());
      return USAGE;
    }
  }

  static PublicKey readPem(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    String base64 =
        text.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(base64);
    try {
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }
  }

  /** Runs the command as {@code keyward audit verify} would; returns the exit code. */
  public static int run(String... args) {
    return new CommandLine(new AuditVerifyCommand()).execute(args);
  }
}
