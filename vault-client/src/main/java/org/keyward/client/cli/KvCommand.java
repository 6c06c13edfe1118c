package org.keyward.client.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keyward.client.Kv;
import org.keyward.client.KvMetadata;
import org.keyward.client.KvVersion;
import org.keyward.client.SecretData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyward kv ...}: KV version 2 as {@code vault kv} has it. Paths are relative to the mount
 * ({@code -mount=secret}, the default), or start with it ({@code secret/app}) when no {@code
 * -mount} is given. Values may be {@code key=-} (stdin) or {@code key=@file}.
 */
@Command(
    name = "kv",
    mixinStandardHelpOptions = true,
    description = "KV version 2 secrets.",
    subcommands = KvMetadataCommand.class)
final class KvCommand extends CliCommand {
  @Command(name = "get", mixinStandardHelpOptions = true, description = "Read a secret.")
  int get(
      @Mixin KvMountOption mount,
      @Option(names = "-version", paramLabel = "<n>") Long version,
      @Option(
              names = {"-field", "--field"},
              paramLabel = "<key>",
              description = "print one value")
          String field,
      @Parameters(paramLabel = "<path>") String path) {
    KvPath p = mount.resolve(path);
    Kv kv = client().kv(p.mount());
    var secret = version == null ? kv.get(p.path()) : kv.get(p.path(), version);
    if (secret.isEmpty()) {
      ctx().err().println("No value found at " + p.mount() + "/data/" + p.path());
      return KeywardCli.ERROR;
    }
    Map<String, Object> data = secret.get().data().reveal();
    Output out = output();
    if (field != null) {
      if (!data.containsKey(field)) {
        ctx().err().println("Field \"" + field + "\" not present in secret");
        return KeywardCli.ERROR;
      }
      Object v = data.get(field);
      out.line(v instanceof String s ? s : Output.JSON.valueToTree(v).toString());
      return KeywardCli.OK;
    }
    Map<String, Object> metadata = version(secret.get().version());
    if (out.json()) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("data", data);
      body.put("metadata", metadata);
      out.printJson(Map.of("data", body));
    } else {
      out.section("Secret Path", Map.of("path", p.mount() + "/data/" + p.path()));
      out.line("");
      out.section("Metadata", metadata);
      out.line("");
      out.section("Data", data);
    }
    return KeywardCli.OK;
  }

  @Command(name = "put", mixinStandardHelpOptions = true, description = "Write a new version.")
  int put(
      @Mixin KvMountOption mount,
      @Option(
              names = {"-cas", "--cas"},
              paramLabel = "<version>",
              description = "check-and-set")
          Long cas,
      @Parameters(index = "0", paramLabel = "<path>") String path,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "<key=value>") List<String> kvs) {
    KvPath p = mount.resolve(path);
    SecretData data = SecretData.of(fields(kvs));
    Kv kv = client().kv(p.mount());
    KvVersion written = cas == null ? kv.put(p.path(), data) : kv.put(p.path(), data, cas);
    output().record(version(written));
    return KeywardCli.OK;
  }

  @Command(name = "patch", mixinStandardHelpOptions = true, description = "Change some keys.")
  int patch(
      @Mixin KvMountOption mount,
      @Parameters(index = "0", paramLabel = "<path>") String path,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "<key=value>") List<String> kvs) {
    KvPath p = mount.resolve(path);
    output().record(version(client().kv(p.mount()).patch(p.path(), fields(kvs))));
    return KeywardCli.OK;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys.")
  int list(
      @Mixin KvMountOption mount, @Parameters(paramLabel = "<path>", arity = "0..1") String path) {
    KvPath p = mount.resolve(path == null ? "" : path);
    List<String> keys = client().kv(p.mount()).list(p.path());
    if (keys.isEmpty()) {
      ctx().err().println("No value found at " + p.mount() + "/metadata/" + p.path());
      return KeywardCli.ERROR;
    }
    output().keys(keys);
    return KeywardCli.OK;
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Soft-delete the latest version, or -versions.")
  int delete(
      @Mixin KvMountOption mount,
      @Option(
              names = {"-versions", "--versions"},
              split = ",",
              paramLabel = "<n>")
          List<Long> versions,
      @Parameters(paramLabel = "<path>") String path) {
    KvPath p = mount.resolve(path);
    Kv kv = client().kv(p.mount());
    if (versions == null || versions.isEmpty()) {
      kv.delete(p.path());
    } else {
      kv.delete(p.path(), versions);
    }
    output().line("Success! Data deleted (if it existed) at: " + p.mount() + "/data/" + p.path());
    return KeywardCli.OK;
  }

  @Command(name = "undelete", mixinStandardHelpOptions = true, description = "Restore versions.")
  int undelete(
      @Mixin KvMountOption mount,
      @Option(
              names = {"-versions", "--versions"},
              split = ",",
              required = true,
              paramLabel = "<n>")
          List<Long> versions,
      @Parameters(paramLabel = "<path>") String path) {
    KvPath p = mount.resolve(path);
    client().kv(p.mount()).undelete(p.path(), versions);
    output().line("Success! Data written to: " + p.mount() + "/undelete/" + p.path());
    return KeywardCli.OK;
  }

  @Command(name = "destroy", mixinStandardHelpOptions = true, description = "Destroy versions.")
  int destroy(
      @Mixin KvMountOption mount,
      @Option(
              names = {"-versions", "--versions"},
              split = ",",
              required = true,
              paramLabel = "<n>")
          List<Long> versions,
      @Parameters(paramLabel = "<path>") String path) {
    KvPath p = mount.resolve(path);
    client().kv(p.mount()).destroy(p.path(), versions);
    output().line("Success! Data written to: " + p.mount() + "/destroy/" + p.path());
    return KeywardCli.OK;
  }

  static Map<String, Object> version(KvVersion v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("created_time", v.createdTime());
    m.put("deletion_time", v.deletionTime().orElse(""));
    m.put("destroyed", v.destroyed());
    m.put("version", v.version());
    return m;
  }

  static Map<String, Object> metadata(KvMetadata m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cas_required", m.casRequired());
    out.put("current_version", m.currentVersion());
    out.put("custom_metadata", m.customMetadata());
    out.put("delete_version_after", m.deleteVersionAfter());
    out.put("max_versions", m.maxVersions());
    out.put("oldest_version", m.oldestVersion());
    Map<String, Object> versions = new LinkedHashMap<>();
    for (KvVersion v : m.versions()) {
      versions.put(Long.toString(v.version()), version(v));
    }
    out.put("versions", versions);
    return out;
  }
}
