package org.keyward.client.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keyward.client.Admin;
import org.keyward.client.AdminRecords.KekStatus;
import org.keyward.client.AdminRecords.KeyringStatus;
import org.keyward.client.AdminRecords.ReencryptionProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keyward operator ...}: key rotation. {@code rotate} adds a keyring key ({@code
 * sys/rotate}, as {@code vault operator rotate}); {@code rotate-root} makes a new KEK in the HSM
 * and re-wraps the keyring ({@code sys/rotate/root}); {@code reencrypt} rewrites every entry under
 * the newest keyring key ({@code sys/reencrypt}). All need a root or sudo token.
 */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = "Key rotation and first-day set-up (bootstrap).",
    subcommands = {OperatorBootstrapCommand.class})
final class OperatorCommand extends CliCommand {
  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = "Add a keyring key and make it primary (sys/rotate).")
  int rotate() {
    Admin admin = client().admin();
    admin.rotateKeyring();
    KeyringStatus s = admin.keyringStatus();
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("term", s.term());
    rows.put("install_time", s.installTime());
    rows.put("encryptions", s.encryptions());
    printWithBanner("Success! Rotated key", rows);
    return KeywardCli.OK;
  }

  @Command(
      name = "rotate-root",
      mixinStandardHelpOptions = true,
      description =
          "Create a new KEK in the HSM and re-wrap the keyring under it (sys/rotate/root).")
  int rotateRoot() {
    Admin admin = client().admin();
    int version = admin.rotateKek();
    KekStatus s = admin.kekStatus();
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("kek_version", version);
    rows.put("in_use", s.inUse());
    rows.put("versions", s.versions());
    printWithBanner("Success! Rotated the KEK", rows);
    return KeywardCli.OK;
  }

  @Command(
      name = "reencrypt",
      mixinStandardHelpOptions = true,
      description =
          "Start re-encrypting every entry under the newest keyring key and show progress.")
  int reencrypt(
      @Option(
              names = {"-status", "--status"},
              description = "only show the progress of the current or last run")
          boolean statusOnly,
      @Option(
              names = {"-wait", "--wait"},
              description = "poll until the run is no longer running, printing progress")
          boolean await)
      throws InterruptedException {
    Admin admin = client().admin();
    ReencryptionProgress p = statusOnly ? admin.reencryptionProgress() : admin.startReencryption();
    while (await && p.state().equals("running")) {
      if (!output().json()) {
        output().line("running: " + p.rewritten() + " rewritten, " + p.remaining() + " remaining");
      }
      Thread.sleep(Duration.ofSeconds(1).toMillis());
      p = admin.reencryptionProgress();
    }
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("state", p.state());
    rows.put("target_term", p.targetTerm());
    rows.put("rewritten", p.rewritten());
    rows.put("remaining", p.remaining());
    rows.put("failed", p.failed());
    rows.put("started_at", p.startedAt().orElse(null));
    rows.put("finished_at", p.finishedAt().orElse(null));
    output().record(rows);
    return p.failed() > 0 ? KeywardCli.ERROR : KeywardCli.OK;
  }

  private void printWithBanner(String banner, Map<String, Object> rows) {
    Output out = output();
    if (!out.json()) {
      out.line(banner);
      out.line("");
    }
    out.record(rows);
  }
}
