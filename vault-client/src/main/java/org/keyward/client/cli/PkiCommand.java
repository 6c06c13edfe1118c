package org.keyward.client.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keyward.client.CertificateRequest;
import org.keyward.client.IssuedCertificate;
import org.keyward.client.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyward pki issue <role> <common name>}: issues a certificate and writes the certificate,
 * its private key (mode 0600, PKCS#8) and the CA chain to files, never the key to stdout.
 */
@Command(name = "pki", mixinStandardHelpOptions = true, description = "PKI certificates.")
final class PkiCommand extends CliCommand {
  @Command(
      name = "issue",
      mixinStandardHelpOptions = true,
      description = {
        "Issue a certificate; writes <name>.crt, <name>.key (0600) and <name>-chain.pem",
        "  keyward pki issue cell-server cell-7.example.net -alt-names=a.example.net -ttl=24h"
      })
  int issue(
      @Option(
              names = {"-mount", "--mount"},
              paramLabel = "<mount>",
              description = "mount path (default: pki)")
          String mount,
      @Option(
              names = {"-alt-names", "--alt-names"},
              split = ",",
              paramLabel = "<dns>")
          List<String> altNames,
      @Option(
              names = {"-ip-sans", "--ip-sans"},
              split = ",",
              paramLabel = "<ip>")
          List<String> ipSans,
      @Option(
              names = {"-ttl", "--ttl"},
              paramLabel = "<duration>")
          String ttl,
      @Option(
              names = {"-out-dir", "--out-dir"},
              paramLabel = "<dir>",
              description = "directory of the files (default: current)")
          Path dir,
      @Option(
              names = {"-out", "--out"},
              paramLabel = "<name>",
              description = "file name stem (default: the common name)")
          String stem,
      @Parameters(index = "0", paramLabel = "<role>") String role,
      @Parameters(index = "1", paramLabel = "<common-name>") String commonName) {
    CertificateRequest request =
        new CertificateRequest(
            commonName,
            altNames == null ? List.of() : altNames,
            ipSans == null ? List.of() : ipSans,
            java.util.Optional.ofNullable(ttl).map(Durations::parse));
    IssuedCertificate issued = client().pki(mount == null ? "pki" : mount).issue(role, request);
    Path base = dir == null ? Path.of("") : dir;
    String name = stem == null ? safeStem(commonName) : stem;
    Path cert = base.resolve(name + ".crt");
    Path key = base.resolve(name + ".key");
    Path chain = base.resolve(name + "-chain.pem");
    // The key first: a certificate without its key on disk is useless, the reverse can be redone.
    PrivateFiles.write(key, Pem.encode(issued.privateKey()), true);
    PrivateFiles.write(cert, Pem.encode(issued.certificate()), false);
    PrivateFiles.write(chain, pems(issued.caChain()), false);
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("serial_number", issued.serialNumber());
    rows.put("subject", issued.certificate().getSubjectX500Principal().getName());
    rows.put("expiration", issued.certificate().getNotAfter().toInstant().toString());
    rows.put("certificate_file", cert.toString());
    rows.put("private_key_file", key.toString());
    rows.put("ca_chain_file", chain.toString());
    output().record(rows);
    return KeywardCli.OK;
  }

  private static String pems(List<java.security.cert.X509Certificate> chain) {
    List<String> out = new ArrayList<>();
    chain.forEach(c -> out.add(Pem.encode(c)));
    return String.join("", out);
  }

  /** A common name as a file name: letters, digits, '.', '-', '_' kept, the rest '_'. */
  private static String safeStem(String commonName) {
    String s = commonName.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.startsWith(".") ? "_" + s.substring(1) : s;
  }
}
