package org.keyward.snapshot;

import io.vertx.core.json.JsonObject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;

/**
 * One automated snapshot configuration ({@code sys/storage/raft/snapshot-auto/config/<name>}), with
 * Vault's fields: every {@code interval} a snapshot goes to {@code path_prefix} (a directory) as
 * {@code <file_prefix>-<time>.snap}; at most {@code retain} are kept; {@code local_max_space} bytes
 * (0: no limit) bound them all together. {@code drill} runs a restore drill after each one.
 */
public record SnapshotSchedule(
    String name,
    Duration interval,
    int retain,
    Path pathPrefix,
    String filePrefix,
    long localMaxSpace,
    boolean drill) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern FILE_PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  static final String SUFFIX = ".snap";

  /** Checks a schedule name from a path; a bad one is a 400. */
  public static String requireName(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.startsWith(".")) {
      throw ApiError.badRequest("schedule name must be 1-64 letters, digits, '_', '.' or '-'");
    }
    return name;
  }

  /** Decodes a config write; every field is checked here, so a stored schedule is valid. */
  public static SnapshotSchedule from(String name, JsonObject body) {
    long interval = Fields.durationSeconds(body, "interval", -1);
    if (interval < 1) {
      throw ApiError.badRequest("field 'interval' is required and must be at least 1s");
    }
    long retain = Fields.integer(body, "retain", 1);
    if (retain < 1 || retain > 10_000) {
      throw ApiError.badRequest("field 'retain' must be between 1 and 10000");
    }
    String type = Fields.string(body, "storage_type", "local");
    if (!type.equals("local")) {
      throw ApiError.badRequest("field 'storage_type' must be 'local' (the only one supported)");
    }
    String dir = Fields.requiredString(body, "path_prefix");
    Path path;
    try {
      path = Path.of(dir);
    } catch (InvalidPathException e) {
      throw ApiError.badRequest("field 'path_prefix' is not a valid path");
    }
    if (!path.isAbsolute()) {
      throw ApiError.badRequest("field 'path_prefix' must be an absolute directory path");
    }
    String filePrefix = Fields.string(body, "file_prefix", "keyward-snapshot");
    if (!FILE_PREFIX.matcher(filePrefix).matches() || filePrefix.startsWith(".")) {
      throw ApiError.badRequest(
          "field 'file_prefix' must be 1-64 letters, digits, '_', '.' or '-'");
    }
    long maxSpace = Fields.integer(body, "local_max_space", 0);
    if (maxSpace < 0) {
      throw ApiError.badRequest("field 'local_max_space' must not be negative");
    }
    return new SnapshotSchedule(
        requireName(name),
        Duration.ofSeconds(interval),
        (int) retain,
        path.normalize(),
        filePrefix,
        maxSpace,
        Fields.bool(body, "drill", false));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("interval", interval.toSeconds())
        .put("retain", retain)
        .put("storage_type", "local")
        .put("path_prefix", pathPrefix.toString())
        .put("file_prefix", filePrefix)
        .put("local_max_space", localMaxSpace)
        .put("drill", drill);
  }

  /** Whether {@code fileName} is one of this schedule's snapshot files. */
  boolean owns(String fileName) {
    return fileName.startsWith(filePrefix + "-") && fileName.endsWith(SUFFIX);
  }
}
