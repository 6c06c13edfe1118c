package org.keyward.client.cli;

import picocli.CommandLine.Option;

/** The {@code -mount} option every {@code kv} command takes, as a picocli mixin. */
final class KvMountOption {
  @Option(
      names = {"-mount", "--mount"},
      paramLabel = "<mount>",
      description = "mount path (default: the path's first segment)")
  String mount;

  /** {@code path} under the given mount, or split at its first segment when none was given. */
  KvPath resolve(String path) {
    return KvPath.of(mount, path);
  }
}
