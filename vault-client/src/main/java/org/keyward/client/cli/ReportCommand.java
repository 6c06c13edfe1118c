package org.keyward.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.keyward.client.ComplianceReportSignature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyward operator report [-format=json|html] [-output FILE]}: fetches the compliance report
 * ({@code sys/compliance/report}); {@code report verify FILE} checks a saved JSON report's
 * signature offline (exit 0 valid, 1 altered, 2 unreadable).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Fetch the NIS2 compliance report (signed JSON, or one printable HTML page).",
      "  keyward operator report -format=html -output report.html",
      "  keyward operator report verify report.json"
    })
final class ReportCommand extends CliCommand implements Callable<Integer> {
  @Option(
      names = {"-output", "--output"},
      paramLabel = "<file>",
      description = "write the report to this file instead of standard output")
  Path output;

  @Override
  public Integer call() throws JsonProcessingException {
    // -format is the CLI's global option: html here, anything else is the signed JSON.
    String text =
        root().format == KeywardCli.Format.html
            ? client().admin().complianceReportHtml()
            : Output.JSON.writeValueAsString(client().admin().complianceReport()) + "\n";
    if (output == null) {
      ctx().out().print(text);
      ctx().out().flush();
    } else {
      PrivateFiles.write(output, text, false);
      ctx().err().println("Wrote the compliance report to " + output);
    }
    return KeywardCli.OK;
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Check a saved JSON report's signature offline (exit 0 valid, 1 altered).")
  int verify(
      @Parameters(paramLabel = "<file>", description = "the JSON report") Path file,
      @Option(
              names = {"-public-key", "--public-key"},
              paramLabel = "<pem>",
              description = "the vault's published audit key (PEM); without it, the file's own")
          Path publicKey) {
    byte[] json;
    PublicKey pinned;
    try {
      json = Files.readAllBytes(file);
      pinned = publicKey == null ? null : readPem(publicKey);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      ctx().err().println("cannot verify: " + e.getMessage());
      return KeywardCli.USAGE;
    }
    ComplianceReportSignature.Result r;
    try {
      r = ComplianceReportSignature.verify(json, pinned);
    } catch (IllegalArgumentException e) {
      ctx().err().println("cannot verify: " + e.getMessage());
      return KeywardCli.USAGE;
    }
    if (r.valid()) {
      ctx().out().println("OK: report of " + r.generatedAt() + " is unaltered");
      ctx().out().println("signed by key " + r.keyId());
      if (pinned == null) {
        ctx()
            .out()
            .println("note: checked with the key in the file; pass -public-key to pin the vault's");
      }
      ctx().out().flush();
      return KeywardCli.OK;
    }
    ctx().out().println("ALTERED: " + r.message());
    ctx().out().flush();
    return KeywardCli.ERROR;
  }

  private static PublicKey readPem(Path pem) throws IOException, GeneralSecurityException {
    String base64 =
        Files.readString(pem, StandardCharsets.US_ASCII)
            .replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    return ComplianceReportSignature.publicKey(Base64.getDecoder().decode(base64));
  }
}
