package org.keyward.engine.kv;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything Vault keeps about one secret besides its data: its settings ({@code cas_required},
 * {@code max_versions}, {@code delete_version_after}, {@code custom_metadata}), its times, and one
 * {@link VersionMetadata} per version still kept. Immutable; changes return copies.
 *
 * @param customMetadata null until set, as Vault prints {@code "custom_metadata": null}
 * @param currentVersion 0 while the secret has metadata but no version yet
 * @param oldestVersion 0 until pruning has removed a version, as in Vault
 */
record KeyMetadata(
    String path,
    boolean casRequired,
    long maxVersions,
    long deleteVersionAfterSeconds,
    Map<String, String> customMetadata,
    Instant createdTime,
    Instant updatedTime,
    long currentVersion,
    long oldestVersion,
    SortedMap<Long, VersionMetadata> versions) {

  KeyMetadata {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(createdTime, "createdTime");
    Objects.requireNonNull(updatedTime, "updatedTime");
    customMetadata =
        customMetadata == null
            ? null
            : Collections.unmodifiableMap(new LinkedHashMap<>(customMetadata));
    versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
  }

  /** A secret that exists from now on but has no version yet. */
  static KeyMetadata create(String path, Instant now) {
    return new KeyMetadata(path, false, 0, 0, null, now, now, 0, 0, new TreeMap<>());
  }

  /** The metadata of the current version, or null if there is none (or it was pruned). */
  VersionMetadata current() {
    return versions.get(currentVersion);
  }

  /** How many versions to keep: the secret's own setting, else the mount's, else the default. */
  long effectiveMaxVersions(KvConfig config) {
    if (maxVersions > 0) {
      return maxVersions;
    }
    return config.maxVersions() > 0 ? config.maxVersions() : KvConfig.DEFAULT_MAX_VERSIONS;
  }

  /**
   * When a version written at {@code now} is to be deleted: the shorter of the secret's and the
   * mount's {@code delete_version_after}, as Vault caps the key's setting by the mount's; null when
   * neither is set.
   */
  Instant deletionTimeFor(Instant now, KvConfig config) {
    long key = deleteVersionAfterSeconds;
    long mount = config.deleteVersionAfterSeconds();
    long after = key > 0 && mount > 0 ? Math.min(key, mount) : Math.max(key, mount);
    return after > 0 ? now.plusSeconds(after) : null;
  }

  KeyMetadata withVersions(
      SortedMap<Long, VersionMetadata> newVersions, long current, long oldest, Instant updated) {
    return new KeyMetadata(
        path,
        casRequired,
        maxVersions,
        deleteVersionAfterSeconds,
        customMetadata,
        createdTime,
        updated,
        current,
        oldest,
        newVersions);
  }

  KeyMetadata withVersion(long version, VersionMetadata changed) {
    TreeMap<Long, VersionMetadata> copy = new TreeMap<>(versions);
    copy.put(version, changed);
    return withVersions(copy, currentVersion, oldestVersion, updatedTime);
  }

  KeyMetadata withSettings(MetadataSettings settings, Instant now) {
    return new KeyMetadata(
        path,
        settings.casRequired(),
        settings.maxVersions(),
        settings.deleteVersionAfterSeconds(),
        settings.customMetadata(),
        createdTime,
        now,
        currentVersion,
        oldestVersion,
        versions);
  }

  MetadataSettings settings() {
    return new MetadataSettings(
        casRequired, maxVersions, deleteVersionAfterSeconds, customMetadata);
  }

  /** Vault's {@code GET metadata/:path} body. */
  JsonObject toResponse() {
    JsonObject versionsJson = new JsonObject();
    versions.forEach((n, v) -> versionsJson.put(Long.toString(n), v.toResponse()));
    return new JsonObject()
        .put("cas_required", casRequired)
        .put("created_time", KvTime.format(createdTime))
        .put("current_version", currentVersion)
        .put("custom_metadata", customMetadataJson())
        .put("delete_version_after", KvTime.goDuration(deleteVersionAfterSeconds))
        .put("max_versions", maxVersions)
        .put("oldest_version", oldestVersion)
        .put("updated_time", KvTime.format(updatedTime))
        .put("versions", versionsJson);
  }

  /** Vault's per-version metadata block of a data read or write. */
  JsonObject versionResponse(long version) {
    VersionMetadata v = versions.get(version);
    return new JsonObject()
        .put("created_time", KvTime.format(v.createdTime()))
        .put("custom_metadata", customMetadataJson())
        .put("deletion_time", KvTime.format(v.deletionTime()))
        .put("destroyed", v.destroyed())
        .put("version", version);
  }

  JsonObject customMetadataJson() {
    return customMetadata == null ? null : new JsonObject(new LinkedHashMap<>(customMetadata));
  }

  JsonObject toStorage() {
    JsonObject versionsJson = new JsonObject();
    versions.forEach((n, v) -> versionsJson.put(Long.toString(n), v.toStorage()));
    return new JsonObject()
        .put("path", path)
        .put("cas_required", casRequired)
        .put("max_versions", maxVersions)
        .put("delete_version_after", deleteVersionAfterSeconds)
        .put("custom_metadata", customMetadataJson())
        .put("created_time", createdTime.toString())
        .put("updated_time", updatedTime.toString())
        .put("current_version", currentVersion)
        .put("oldest_version", oldestVersion)
        .put("versions", versionsJson);
  }

  static KeyMetadata fromStorage(JsonObject json) {
    TreeMap<Long, VersionMetadata> versions = new TreeMap<>();
    JsonObject versionsJson = json.getJsonObject("versions", new JsonObject());
    for (String n : versionsJson.fieldNames()) {
      versions.put(Long.parseLong(n), VersionMetadata.fromStorage(versionsJson.getJsonObject(n)));
    }
    JsonObject custom = json.getJsonObject("custom_metadata");
    Map<String, String> customMap = null;
    if (custom != null) {
      customMap = new LinkedHashMap<>();
      for (String k : custom.fieldNames()) {
        customMap.put(k, custom.getString(k));
      }
    }
    return new KeyMetadata(
        json.getString("path"),
        json.getBoolean("cas_required", false),
        json.getLong("max_versions", 0L),
        json.getLong("delete_version_after", 0L),
        customMap,
        KvTime.parse(json.getString("created_time")),
        KvTime.parse(json.getString("updated_time")),
        json.getLong("current_version", 0L),
        json.getLong("oldest_version", 0L),
        versions);
  }
}
