package org.keyward.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * What {@link AuditVerifier} found: OK, or the first bad record and why. {@code notes} say what the
 * check could not prove (records after the last signed checkpoint, files not given), so an OK is
 * never read as more than it is.
 *
 * @param problem null when the log verified
 * @param seq the first bad record's sequence number (0 when none)
 * @param message one sentence naming the record, e.g. {@code record 17 changed}
 */
public record AuditVerification(
    Problem problem,
    long seq,
    String message,
    long records,
    long lastSeq,
    int checkpoints,
    long lastCheckpointSeq,
    List<String> notes) {

  /** How a log was found tampered with. */
  public enum Problem {
    /** A record's bytes differ from what the next line's {@code prev} or a checkpoint says. */
    CHANGED,
    /** A sequence number is absent. */
    MISSING,
    /** Records appear out of sequence. */
    REORDERED,
    /** A checkpoint's signature does not verify, or it was signed by another key. */
    BAD_SIGNATURE,
    /** The last line of a file is incomplete. */
    TRUNCATED
  }

  public AuditVerification {
    notes = List.copyOf(notes);
  }

  public boolean ok() {
    return problem == null;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("ok", ok())
        .put("problem", problem == null ? null : problem.name().toLowerCase(Locale.ROOT))
        .put("seq", seq)
        .put("message", message)
        .put("records", records)
        .put("last_seq", lastSeq)
        .put("checkpoints", checkpoints)
        .put("last_checkpoint_seq", lastCheckpointSeq)
        .put("notes", new JsonArray(notes));
  }

  /** Human-readable report for the command line. */
  public String report() {
    StringBuilder out = new StringBuilder(ok() ? "OK: " : "TAMPERED: ").append(message);
    out.append(System.lineSeparator())
        .append(records)
        .append(" lines, last seq ")
        .append(lastSeq)
        .append(", ")
        .append(checkpoints)
        .append(" signed checkpoints, last covering seq ")
        .append(lastCheckpointSeq);
    for (String note : notes) {
      out.append(System.lineSeparator()).append("note: ").append(note);
    }
    return out.toString();
  }
}
