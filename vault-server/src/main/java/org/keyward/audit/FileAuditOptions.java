package org.keyward.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.keyward.http.ApiError;

/**
 * A file device's settings, from the {@code options} of {@code sys/audit/:path}: {@code file_path}
 * (inside the audit directory), {@code max_bytes} before rotation (default 100 MiB), {@code fsync}
 * (default false), {@code hmac_accessor} (default true), {@code checkpoint_records} (1000) and
 * {@code checkpoint_seconds} (10).
 */
public record FileAuditOptions(
    Path file, long maxBytes, boolean fsync, boolean hmacAccessor, CheckpointPolicy checkpoints) {
  public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;
  private static final long MIN_MAX_BYTES = 4096;

  public FileAuditOptions {
    if (file == null) {
      throw new IllegalArgumentException("file is required");
    }
    if (maxBytes < MIN_MAX_BYTES) {
      throw ApiError.badRequest("max_bytes must be at least " + MIN_MAX_BYTES);
    }
  }

  public static FileAuditOptions defaults(Path file) {
    return new FileAuditOptions(file, DEFAULT_MAX_BYTES, false, true, CheckpointPolicy.DEFAULT);
  }

  /** Parses API options; {@code file_path} is confined to {@code dir}. Blocking (file checks). */
  public static FileAuditOptions parse(Map<String, String> options, AuditDirectory dir) {
    Path file = dir.resolve(options.get("file_path"));
    long maxBytes = number(options, "max_bytes", DEFAULT_MAX_BYTES);
    int records = (int) number(options, "checkpoint_records", 1000);
    long seconds = number(options, "checkpoint_seconds", 10);
    if (records < 1 || seconds < 1) {
      throw ApiError.badRequest("checkpoint_records and checkpoint_seconds must be >= 1");
    }
    return new FileAuditOptions(
        file,
        maxBytes,
        flag(options, "fsync", false),
        flag(options, "hmac_accessor", true),
        new CheckpointPolicy(records, Duration.ofSeconds(seconds)));
  }

  static long number(Map<String, String> options, String name, long fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("option '" + name + "' must be an integer");
    }
  }

  static boolean flag(Map<String, String> options, String name, boolean fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true":
      case "1":
        return true;
      case "false":
      case "0":
        return false;
      default:
        throw ApiError.badRequest("option '" + name + "' must be true or false");
    }
  }
}
