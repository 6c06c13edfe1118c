package org.keyward.client.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keyward.client.KvMetadataSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keyward kv metadata get|put|delete}: a secret's versions and settings. */
@Command(
    name = "metadata",
    mixinStandardHelpOptions = true,
    description = "Versions and settings of a KV secret.")
final class KvMetadataCommand extends CliCommand {
  @Command(name = "get", mixinStandardHelpOptions = true, description = "Read metadata.")
  int get(@Mixin KvMountOption mount, @Parameters(paramLabel = "<path>") String path) {
    KvPath p = mount.resolve(path);
    var meta = client().kv(p.mount()).readMetadata(p.path());
    if (meta.isEmpty()) {
      ctx().err().println("No value found at " + p.mount() + "/metadata/" + p.path());
      return KeywardCli.ERROR;
    }
    Map<String, Object> m = KvCommand.metadata(meta.get());
    Output out = output();
    if (out.json()) {
      out.printJson(Map.of("data", m));
      return KeywardCli.OK;
    }
    Map<String, Object> settings = new LinkedHashMap<>(m);
    settings.remove("versions");
    out.section("Metadata", settings);
    for (var v : meta.get().versions()) {
      out.line("");
      out.section("Version " + v.version(), KvCommand.version(v));
    }
    return KeywardCli.OK;
  }

  @Command(name = "put", mixinStandardHelpOptions = true, description = "Change settings.")
  int put(
      @Mixin KvMountOption mount,
      @Option(
              names = {"-max-versions", "--max-versions"},
              paramLabel = "<n>")
          Integer maxVersions,
      @Option(
              names = {"-cas-required", "--cas-required"},
              paramLabel = "<bool>")
          Boolean casRequired,
      @Option(
              names = {"-delete-version-after", "--delete-version-after"},
              paramLabel = "<dur>")
          String deleteAfter,
      @Option(
              names = {"-custom-metadata", "--custom-metadata"},
              paramLabel = "<key=value>")
          Map<String, String> custom,
      @Parameters(paramLabel = "<path>") String path) {
    KvPath p = mount.resolve(path);
    KvMetadataSettings settings = KvMetadataSettings.none();
    if (maxVersions != null) {
      settings = settings.maxVersions(maxVersions);
    }
    if (casRequired != null) {
      settings = settings.casRequired(casRequired);
    }
    if (deleteAfter != null) {
      settings = settings.deleteVersionAfter(Durations.parse(deleteAfter));
    }
    if (custom != null) {
      settings = settings.customMetadata(custom);
    }
    var kv = client().kv(p.mount());
    kv.writeMetadata(p.path(), settings);
    output().line("Success! Data written to: " + p.mount() + "/metadata/" + p.path());
    return KeywardCli.OK;
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete every version and the metadata.")
  int delete(@Mixin KvMountOption mount, @Parameters(paramLabel = "<path>") String path) {
    KvPath p = mount.resolve(path);
    client().kv(p.mount()).deleteMetadata(p.path());
    output()
        .line("Success! Data deleted (if it existed) at: " + p.mount() + "/metadata/" + p.path());
    return KeywardCli.OK;
  }
}
