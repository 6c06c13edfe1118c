package org.keyward.engine.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code openssl} command line on PEM files in a test's temporary folder. */
public final class OpenSsl {
  /** The exit status and combined output of one run. */
  public record Result(int exit, String output) {
    public boolean ok() {
      return exit == 0;
    }
  }

  private final Path dir;
  private int files;

  public OpenSsl(Path dir) {
    this.dir = dir;
  }

  /** {@code openssl verify -x509_strict -purpose <purpose> -CAfile ca [-untrusted int] leaf}. */
  Result verify(String caPem, String untrustedPem, String leafPem, String purpose) {
    List<String> command = new ArrayList<>(List.of("openssl", "verify", "-x509_strict"));
    command.addAll(List.of("-purpose", purpose, "-CAfile", write(caPem)));
    if (untrustedPem != null) {
      command.addAll(List.of("-untrusted", write(untrustedPem)));
    }
    command.add(write(leafPem));
    return run(command);
  }

  /** {@code openssl crl -verify -CAfile ca -in crl -noout -text}. */
  Result verifyCrl(String caPem, String crlPem) {
    return run(
        List.of(
            "openssl",
            "crl",
            "-verify",
            "-noout",
            "-text",
            "-CAfile",
            write(caPem),
            "-in",
            write(crlPem)));
  }

  /**
   * {@code openssl ocsp -issuer ca -CAfile ca -cert leaf -url url}: asks a responder about {@code
   * leafPem} and verifies its answer against {@code caPem}, nonce included.
   */
  public Result ocsp(String caPem, String leafPem, String url) {
    String ca = write(caPem);
    return run(
        List.of(
            "openssl",
            "ocsp",
            "-issuer",
            ca,
            "-CAfile",
            ca,
            "-cert",
            write(leafPem),
            "-url",
            url,
            "-timeout",
            "20"));
  }

  /** {@code openssl ocsp -respin der -resp_text -noverify}: what a DER response says. */
  Result ocspResponseText(byte[] der) {
    try {
      Path file = dir.resolve("file-" + (files++) + ".der");
      Files.write(file, der);
      return run(List.of("openssl", "ocsp", "-respin", file.toString(), "-resp_text", "-noverify"));
    } catch (IOException e) {
      throw new AssertionError("cannot write test file", e);
    }
  }

  /** {@code openssl x509 -noout -text}, plus {@code -ocsp_uri} output first. */
  Result certificateText(String pem) {
    return run(List.of("openssl", "x509", "-noout", "-ocsp_uri", "-text", "-in", write(pem)));
  }

  private String write(String pem) {
    try {
      Path file = dir.resolve("file-" + (files++) + ".pem");
      Files.writeString(file, pem.endsWith("\n") ? pem : pem + "\n");
      return file.toString();
    } catch (IOException e) {
      throw new AssertionError("cannot write test file", e);
    }
  }

  private static Result run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("openssl did not finish: " + command);
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run openssl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
