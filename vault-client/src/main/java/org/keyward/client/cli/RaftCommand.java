package org.keyward.client.cli;

import java.nio.file.Path;
import java.util.List;
import org.keyward.client.VaultReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyward operator raft ...}: snapshots, as {@code vault operator raft snapshot} and {@code
 * snapshot-auto}, where the commands overlap. Keyward is not Raft-based; it keeps Vault's names so
 * habits and scripts carry over. {@code snapshot inspect} checks a file offline and is run by the
 * server jar ({@code bin/keyward} routes it there).
 */
@Command(
    name = "raft",
    mixinStandardHelpOptions = true,
    description = "Snapshots of the whole store (Vault's raft snapshot commands).",
    subcommands = {RaftCommand.Snapshot.class, RaftCommand.SnapshotAuto.class})
final class RaftCommand extends CliCommand {
  @Command(
      name = "snapshot",
      mixinStandardHelpOptions = true,
      description = "Save, restore or drill a snapshot.")
  static final class Snapshot extends CliCommand {
    @Command(
        name = "save",
        mixinStandardHelpOptions = true,
        description = "Save a snapshot to FILE.")
    int save(@Parameters(paramLabel = "FILE") Path file) {
      client().admin().saveSnapshot(file);
      output().line("Success! Saved snapshot to " + file);
      return KeywardCli.OK;
    }

    @Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = "Restore the snapshot in FILE into the running vault (all or nothing).")
    int restore(
        @Option(
                names = {"-force", "--force"},
                description = "accept a snapshot of another cluster or signed by another key")
            boolean force,
        @Parameters(paramLabel = "FILE") Path file) {
      client().admin().restoreSnapshot(file, force);
      output().line("Success! Restored snapshot " + file);
      return KeywardCli.OK;
    }

    @Command(
        name = "drill",
        mixinStandardHelpOptions = true,
        description = "Restore FILE into a scratch store on the server and check every entry.")
    int drill(@Parameters(paramLabel = "FILE") Path file) {
      VaultReply reply = client().admin().drillSnapshot(file);
      output().node(reply.data());
      return reply.data().path("ok").asBoolean(false) ? KeywardCli.OK : KeywardCli.ERROR;
    }
  }

  @Command(
      name = "snapshot-auto",
      mixinStandardHelpOptions = true,
      description = "Automated snapshot schedules.")
  static final class SnapshotAuto extends CliCommand {
    private static final String BASE = "sys/storage/raft/snapshot-auto/";

    @Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description =
            "Write a schedule (interval=1h retain=24 path_prefix=/dir ...) or, without fields, read it.")
    int config(
        @Parameters(index = "0", paramLabel = "NAME") String name,
        @Parameters(index = "1..*", paramLabel = "key=value") List<String> args) {
      if (args == null || args.isEmpty()) {
        return client()
            .logical()
            .read(BASE + "config/" + name)
            .map(
                r -> {
                  output().node(r.data());
                  return KeywardCli.OK;
                })
            .orElseGet(
                () -> {
                  ctx().err().println("No snapshot schedule named: " + name);
                  return KeywardCli.ERROR;
                });
      }
      client().logical().write(BASE + "config/" + name, fields(args));
      output().line("Success! Wrote snapshot schedule: " + name);
      return KeywardCli.OK;
    }

    @Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show a schedule's last runs.")
    int status(@Parameters(paramLabel = "NAME") String name) {
      return client()
          .logical()
          .read(BASE + "status/" + name)
          .map(
              r -> {
                output().node(r.data());
                return r.data().path("consecutive_failures").asInt(0) == 0
                    ? KeywardCli.OK
                    : KeywardCli.ERROR;
              })
          .orElseGet(
              () -> {
                ctx().err().println("No snapshot schedule named: " + name);
                return KeywardCli.ERROR;
              });
    }
  }
}
