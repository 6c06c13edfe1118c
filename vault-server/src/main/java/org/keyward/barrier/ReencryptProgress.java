package org.keyward.barrier;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Where a re-encryption stands, stored as the raw row {@code core/reencrypt} after every page so a
 * restart resumes from {@code lastKey}. Holds storage keys and counts, no secrets.
 *
 * @param state {@code idle}, {@code running} or {@code done}
 * @param targetTerm the primary term entries are rewritten to
 * @param lastKey the last storage key processed, null before the first page
 * @param rewritten entries rewritten under the target term
 * @param remaining entries still under an older term: counted before the run, lowered as they are
 *     rewritten, and at the end the number that could not be rewritten
 * @param failed entries that did not authenticate and so could not be rewritten
 */
public record ReencryptProgress(
    String state,
    int targetTerm,
    String lastKey,
    long rewritten,
    long remaining,
    long failed,
    Instant startedAt,
    Instant finishedAt) {
  static final String KEY = "core/reencrypt";
  public static final ReencryptProgress IDLE =
      new ReencryptProgress("idle", 0, null, 0, 0, 0, null, null);

  public boolean running() {
    return state.equals("running");
  }

  ReencryptProgress page(String last, long moreRewritten, long moreFailed) {
    return new ReencryptProgress(
        state,
        targetTerm,
        last,
        rewritten + moreRewritten,
        Math.max(0, remaining - moreRewritten),
        failed + moreFailed,
        startedAt,
        finishedAt);
  }

  ReencryptProgress done(Instant now) {
    return new ReencryptProgress(
        "done", targetTerm, lastKey, rewritten, failed, failed, startedAt, now);
  }

  /** Why older terms may not be retired now, or null if they may. */
  String refusesRetirement(int primaryTerm) {
    if (!state.equals("done")) {
      return "re-encryption has not completed; start it with POST sys/reencrypt";
    }
    if (targetTerm != primaryTerm) {
      return "the keyring rotated since the last re-encryption; run it again";
    }
    if (remaining > 0) {
      return remaining + " entries are still under older keyring terms";
    }
    return null;
  }

  byte[] toBytes() {
    return new JsonObject()
        .put("state", state)
        .put("target_term", targetTerm)
        .put("last_key", lastKey)
        .put("rewritten", rewritten)
        .put("remaining", remaining)
        .put("failed", failed)
        .put("started_at", startedAt == null ? null : startedAt.toString())
        .put("finished_at", finishedAt == null ? null : finishedAt.toString())
        .toBuffer()
        .getBytes();
  }

  static ReencryptProgress parse(byte[] bytes) {
    try {
      JsonObject j = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
      return new ReencryptProgress(
          j.getString("state"),
          j.getInteger("target_term"),
          j.getString("last_key"),
          j.getLong("rewritten"),
          j.getLong("remaining"),
          j.getLong("failed"),
          j.getString("started_at") == null ? null : Instant.parse(j.getString("started_at")),
          j.getString("finished_at") == null ? null : Instant.parse(j.getString("finished_at")));
    } catch (RuntimeException e) {
      throw new BarrierIntegrityException(KEY, e);
    }
  }
}
