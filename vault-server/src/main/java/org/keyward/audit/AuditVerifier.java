package org.keyward.audit;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a chained audit log (one file or a rotated set, oldest first) and names the first record
 * that was changed, removed or reordered, a checkpoint whose signature fails, or a cut-off last
 * line. What it cannot prove is said in the notes: without a later signed checkpoint, records
 * removed from (or rewritten at) the end of the log leave no trace in the file itself; with {@code
 * expectedLastSeq} (the live device's counter, known to the server) a cut tail is caught too.
 *
 * <p>Signatures are checked against {@code trustedKey} when given; otherwise against the key
 * embedded in each checkpoint, and a note names its fingerprint to compare with the published one.
 * Blocking file I/O; one instance per run.
 */
public final class AuditVerifier {
  private static final int HASH_WINDOW = 100_000;

  private final long expectedLastSeq;
  private final AuditCheckpointCheck checkpointCheck;
  private final List<String> notes = new ArrayList<>();
  private final Map<Long, String> recentHashes =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
          return size() > HASH_WINDOW;
        }
      };
  private final List<long[]> fileStarts = new ArrayList<>(); // {firstSeq, fileIndex}
  private final List<String> fileGenesis = new ArrayList<>();
  private long expectedSeq = -1;
  private String prevHash;
  private long records;

  /**
   * @param trustedKey the published checkpoint key, or null to use the key in the log
   * @param expectedLastSeq the last seq the writer reported, or -1 if unknown
   */
  public AuditVerifier(PublicKey trustedKey, long expectedLastSeq) {
    this.expectedLastSeq = expectedLastSeq;
    this.checkpointCheck = new AuditCheckpointCheck(trustedKey, notes);
  }

  /** Verifies the rotated set of {@code active} ({@code active.1}, ..., {@code active}). */
  public static AuditVerification verifySet(Path active, PublicKey trustedKey, long expectedLast)
      throws IOException {
    return new AuditVerifier(trustedKey, expectedLast).verify(AuditFileSet.members(active));
  }

  /** Verifies {@code files} as one chain, in the given order. */
  public AuditVerification verify(List<Path> files) throws IOException {
    if (files.isEmpty()) {
      throw new IOException("no audit file to verify");
    }
    for (int i = 0; i < files.size(); i++) {
      AuditVerification bad = verifyFile(files.get(i), i);
      if (bad != null) {
        return bad;
      }
    }
    long lastSeq = expectedSeq - 1;
    if (expectedLastSeq > lastSeq) {
      return fail(
          AuditVerification.Problem.MISSING,
          lastSeq + 1,
          "records "
              + (lastSeq + 1)
              + " to "
              + expectedLastSeq
              + " missing: the log was cut "
              + "after record "
              + lastSeq
              + " but the server wrote up to "
              + expectedLastSeq);
    }
    checkpointCheck.addTailNotes(lastSeq);
    return new AuditVerification(
        null,
        0,
        "chain intact through record " + lastSeq,
        records,
        lastSeq,
        checkpointCheck.count(),
        checkpointCheck.lastCoveredSeq(),
        notes);
  }

  private AuditVerification verifyFile(Path file, int index) throws IOException {
    try (AuditLineReader reader = new AuditLineReader(file)) {
      AuditLineReader.Line line;
      boolean first = true;
      while ((line = reader.next()) != null) {
        long expected = expectedSeq;
        if (!line.complete()) {
          return fail(
              AuditVerification.Problem.TRUNCATED,
              Math.max(expected, 1),
              "record "
                  + Math.max(expected, 1)
                  + " is incomplete: "
                  + file.getFileName()
                  + " ends in the middle of line "
                  + line.number());
        }
        JsonObject json = parse(line.bytes());
        if (json == null
            || !(json.getValue("seq") instanceof Number)
            || !(json.getValue("prev") instanceof String)) {
          long at = Math.max(expected, 1);
          return fail(
              AuditVerification.Problem.CHANGED,
              at,
              "record "
                  + at
                  + " changed: line "
                  + line.number()
                  + " of "
                  + file.getFileName()
                  + " is not an audit record");
        }
        long seq = json.getLong("seq");
        String prev = json.getString("prev");
        if (first) {
          first = false;
          fileStarts.add(new long[] {seq, index});
          fileGenesis.add(prev);
          if (index == 0) {
            if (seq == 1 && !prev.equals(AuditChain.GENESIS)) {
              return fail(
                  AuditVerification.Problem.CHANGED,
                  1,
                  "record 1 changed: its prev is not the genesis value");
            }
            if (seq != 1) {
              notes.add(
                  "the log starts at record "
                      + seq
                      + "; earlier files were not given, so "
                      + "the link to them was not checked");
            }
            expectedSeq = seq;
            prevHash = prev;
          }
        }
        AuditVerification bad = checkLink(seq, prev, line, reader);
        if (bad != null) {
          return bad;
        }
        String hash = AuditChain.sha256Hex(line.bytes());
        recentHashes.put(seq, hash);
        records++;
        expectedSeq = seq + 1;
        prevHash = hash;
        if ("checkpoint".equals(json.getString("type"))) {
          AuditCheckpointCheck.Finding found =
              checkpointCheck.check(seq, json, recentHashes, fileStarts, fileGenesis);
          if (found != null) {
            return fail(found.problem(), found.seq(), found.message());
          }
        }
      }
    }
    return null;
  }

  private AuditVerification checkLink(
      long seq, String prev, AuditLineReader.Line line, AuditLineReader reader) throws IOException {
    long expected = expectedSeq;
    if (seq == expected) {
      if (prev.equals(prevHash)) {
        return null;
      }
      return fail(
          AuditVerification.Problem.CHANGED,
          expected - 1,
          "record "
              + (expected - 1)
              + " changed: its hash does not match the prev of record "
              + seq);
    }
    if (seq > expected) {
      AuditLineReader.Line next = reader.peek();
      JsonObject nextJson = next == null ? null : parse(next.bytes());
      if (nextJson != null
          && nextJson.getValue("seq") instanceof Number n
          && n.longValue() == expected) {
        return fail(
            AuditVerification.Problem.REORDERED,
            expected,
            "records reordered at "
                + expected
                + ": record "
                + seq
                + " comes before record "
                + expected);
      }
      if (prev.equals(prevHash)) {
        return fail(
            AuditVerification.Problem.CHANGED,
            expected,
            "record "
                + expected
                + " changed: it follows record "
                + (expected - 1)
                + " but says seq "
                + seq);
      }
      return fail(
          AuditVerification.Problem.MISSING,
          expected,
          seq == expected + 1
              ? "record " + expected + " missing"
              : "records " + expected + " to " + (seq - 1) + " missing");
    }
    return fail(
        AuditVerification.Problem.REORDERED,
        seq,
        "records reordered at "
            + seq
            + ": record "
            + seq
            + " appears again after record "
            + (expected - 1));
  }

  private AuditVerification fail(AuditVerification.Problem problem, long seq, String message) {
    return new AuditVerification(
        problem,
        seq,
        message,
        records,
        expectedSeq - 1,
        checkpointCheck.count(),
        checkpointCheck.lastCoveredSeq(),
        notes);
  }

  private static JsonObject parse(byte[] line) {
    try {
      return AuditFileSet.parse(line);
    } catch (IllegalStateException e) {
      return null;
    }
  }
}
