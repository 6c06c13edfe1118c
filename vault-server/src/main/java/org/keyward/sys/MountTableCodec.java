package org.keyward.sys;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keyward.engine.MountEntry;

/** The stored form of the mount table: {@code {"mounts":[{path, type, uuid, ...}]}}. */
final class MountTableCodec {
  private MountTableCodec() {}

  static byte[] encode(List<MountEntry> entries) {
    JsonArray rows = new JsonArray();
    for (MountEntry e : entries) {
      rows.add(
          new JsonObject()
              .put("path", e.path())
              .put("type", e.type())
              .put("uuid", e.uuid())
              .put("accessor", e.accessor())
              .put("description", e.description())
              .put("options", new JsonObject(new LinkedHashMap<>(e.options())))
              .put("default_lease_ttl", e.defaultLeaseTtl())
              .put("max_lease_ttl", e.maxLeaseTtl()));
    }
    return new JsonObject().put("mounts", rows).toBuffer().getBytes();
  }

  /** Parses {@link #encode}; a corrupt table fails with IllegalArgumentException. */
  static List<MountEntry> decode(byte[] bytes) {
    try {
      JsonObject table = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
      List<MountEntry> out = new ArrayList<>();
      for (Object o : table.getJsonArray("mounts", new JsonArray())) {
        JsonObject row = (JsonObject) o;
        Map<String, String> options = new LinkedHashMap<>();
        row.getJsonObject("options", new JsonObject())
            .forEach(e -> options.put(e.getKey(), String.valueOf(e.getValue())));
        out.add(
            new MountEntry(
                row.getString("path"),
                row.getString("type"),
                row.getString("uuid"),
                row.getString("accessor"),
                row.getString("description", ""),
                options,
                row.getLong("default_lease_ttl", 0L),
                row.getLong("max_lease_ttl", 0L)));
      }
      return out;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("corrupt mount table", e);
    }
  }
}
