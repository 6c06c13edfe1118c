package org.keyward.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The answers of the admin ({@code sys/}) operations, as values. Hold no secrets. */
public final class AdminRecords {
  private AdminRecords() {}

  /** {@code sys/health}: whether the server is initialised, sealed, a standby; its version. */
  public record ServerHealth(
      boolean initialized, boolean sealed, boolean standby, String version, String clusterName) {
    static ServerHealth from(JsonNode j) {
      return new ServerHealth(
          j.path("initialized").asBoolean(false),
          j.path("sealed").asBoolean(true),
          j.path("standby").asBoolean(false),
          j.path("version").asText(""),
          j.path("cluster_name").asText(""));
    }
  }

  /** {@code sys/leader}: whether HA is on, whether this node leads, and the leader's address. */
  public record LeaderStatus(
      boolean haEnabled, boolean isSelf, String activeTime, String leaderAddress) {
    static LeaderStatus from(JsonNode j) {
      return new LeaderStatus(
          j.path("ha_enabled").asBoolean(false),
          j.path("is_self").asBoolean(false),
          j.path("active_time").asText(""),
          j.path("leader_address").asText(""));
    }
  }

  /** {@code sys/key-status}: the keyring's current term, when it was installed, its use count. */
  public record KeyringStatus(long term, String installTime, long encryptions) {
    static KeyringStatus from(JsonNode d) {
      return new KeyringStatus(
          d.path("term").asLong(),
          d.path("install_time").asText(""),
          d.path("encryptions").asLong());
    }
  }

  /** {@code sys/kek}: the KEK versions in the HSM token and the one in use. */
  public record KekStatus(List<Integer> versions, int inUse) {
    public KekStatus {
      versions = List.copyOf(versions);
    }

    static KekStatus from(JsonNode d) {
      List<Integer> versions = new ArrayList<>();
      d.path("versions").forEach(v -> versions.add(v.asInt()));
      return new KekStatus(versions, d.path("in_use").asInt());
    }
  }

  /** {@code sys/reencrypt}: the re-encryption's state and counts. */
  public record ReencryptionProgress(
      String state,
      long targetTerm,
      long rewritten,
      long remaining,
      long failed,
      Optional<String> startedAt,
      Optional<String> finishedAt) {
    static ReencryptionProgress from(JsonNode d) {
      return new ReencryptionProgress(
          d.path("state").asText(""),
          d.path("target_term").asLong(),
          d.path("rewritten").asLong(),
          d.path("remaining").asLong(),
          d.path("failed").asLong(),
          text(d, "started_at"),
          text(d, "finished_at"));
    }
  }

  /** One enabled audit device from {@code sys/audit}. */
  public record AuditDevice(
      String path, String type, String description, Map<String, String> options) {
    public AuditDevice {
      options = Map.copyOf(options);
    }

    static Map<String, AuditDevice> all(JsonNode d) {
      Map<String, AuditDevice> out = new LinkedHashMap<>();
      d.fields()
          .forEachRemaining(
              e -> {
                Map<String, String> options = new LinkedHashMap<>();
                e.getValue()
                    .path("options")
                    .fields()
                    .forEachRemaining(o -> options.put(o.getKey(), o.getValue().asText()));
                out.put(
                    e.getKey(),
                    new AuditDevice(
                        e.getKey(),
                        e.getValue().path("type").asText(""),
                        e.getValue().path("description").asText(""),
                        options));
              });
      return out;
    }
  }

  /** {@code sys/audit-verify}: whether a device's hash chain is intact, and what broke it. */
  public record AuditVerification(
      boolean ok,
      Optional<String> problem,
      String message,
      long records,
      long checkpoints,
      List<String> notes) {
    public AuditVerification {
      notes = List.copyOf(notes);
    }

    static AuditVerification from(JsonNode d) {
      List<String> notes = new ArrayList<>();
      d.path("notes").forEach(n -> notes.add(n.asText()));
      return new AuditVerification(
          d.path("ok").asBoolean(false),
          text(d, "problem"),
          d.path("message").asText(""),
          d.path("records").asLong(),
          d.path("checkpoints").asLong(),
          notes);
    }
  }

  private static Optional<String> text(JsonNode d, String field) {
    JsonNode v = d.path(field);
    return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }
}
