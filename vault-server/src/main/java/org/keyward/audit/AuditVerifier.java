package org.keyward.audit;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
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

  private final PublicKey trustedKey;
  private final long expectedLastSeq;
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
  private int checkpoints;
  private long lastCheckpointSeq;
  private long lastCheckpointLine = -1;
  private String embeddedKeyId;

  /**
   * @param trustedKey the published checkpoint key, or null to use the key in the log
   * @param expectedLastSeq the last seq the writer reported, or -1 if unknown
   */
  public AuditVerifier(PublicKey trustedKey, long expectedLastSeq) {
    this.trustedKey = trustedKey;
    this.expectedLastSeq = expectedLastSeq;
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
    addTailNotes(lastSeq);
    return new AuditVerification(
        null,
        0,
        "chain intact through record " + lastSeq,
        records,
        lastSeq,
        checkpoints,
        lastCheckpointSeq,
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
          bad = checkCheckpoint(seq, json);
          if (bad != null) {
            return bad;
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

  private AuditVerification checkCheckpoint(long lineSeq, JsonObject json) {
    Checkpoint cp;
    PublicKey key;
    try {
      cp = Checkpoint.fromJson(json.getJsonObject("checkpoint"));
      key = trustedKey != null ? trustedKey : cp.embeddedKey();
    } catch (RuntimeException | GeneralSecurityException e) {
      return fail(
          AuditVerification.Problem.BAD_SIGNATURE,
          lineSeq,
          "checkpoint at record " + lineSeq + " is malformed");
    }
    if (trustedKey != null && !cp.keyId().equals(AuditChain.sha256Hex(trustedKey.getEncoded()))) {
      return fail(
          AuditVerification.Problem.BAD_SIGNATURE,
          lineSeq,
          "checkpoint at record " + lineSeq + " is signed by another key (" + cp.keyId() + ")");
    }
    if (!cp.verifies(key)) {
      return fail(
          AuditVerification.Problem.BAD_SIGNATURE,
          lineSeq,
          "checkpoint at record " + lineSeq + " has a bad signature");
    }
    if (trustedKey == null && !cp.keyId().equals(embeddedKeyId)) {
      embeddedKeyId = cp.keyId();
      notes.add(
          "checkpoints verified with the key in the log itself, fingerprint "
              + cp.keyId()
              + ": this proves integrity only if it matches the published audit key");
    }
    String recorded = recentHashes.get(cp.seq());
    if (recorded == null) {
      notes.add(
          "checkpoint at record "
              + lineSeq
              + " covers record "
              + cp.seq()
              + ", which is not in the files given");
    } else if (!recorded.equals(cp.hash())) {
      return fail(
          AuditVerification.Problem.CHANGED,
          cp.seq(),
          "record "
              + cp.seq()
              + " changed: it does not match the signed checkpoint at record "
              + lineSeq);
    }
    AuditVerification start = checkFileStart(cp, lineSeq);
    if (start != null) {
      return start;
    }
    checkpoints++;
    lastCheckpointSeq = Math.max(lastCheckpointSeq, cp.seq());
    if (cp.seq() == lineSeq - 1) {
      lastCheckpointLine = lineSeq;
    }
    return null;
  }

  /** The file holding {@code cp.seq()} must begin where the checkpoint says its file began. */
  private AuditVerification checkFileStart(Checkpoint cp, long lineSeq) {
    for (int i = fileStarts.size() - 1; i >= 0; i--) {
      long firstSeq = fileStarts.get(i)[0];
      if (firstSeq > cp.seq()) {
        continue;
      }
      if (firstSeq > cp.fileFirstSeq()) {
        long from = cp.fileFirstSeq();
        return fail(
            AuditVerification.Problem.MISSING,
            from,
            (firstSeq - 1 == from
                    ? "record " + from + " missing"
                    : "records " + from + " to " + (firstSeq - 1) + " missing")
                + ": the start of the file was cut (signed checkpoint at record "
                + lineSeq
                + ")");
      }
      if (firstSeq == cp.fileFirstSeq() && !fileGenesis.get(i).equals(cp.fileGenesis())) {
        return fail(
            AuditVerification.Problem.CHANGED,
            firstSeq,
            "record "
                + firstSeq
                + " changed: its prev differs from the signed checkpoint at record "
                + lineSeq);
      }
      return null;
    }
    return null;
  }

  private void addTailNotes(long lastSeq) {
    if (checkpoints == 0) {
      notes.add(
          "no signed checkpoint: edits inside the chain are detected, but a rewritten or "
              + "cut-off log cannot be told from an intact one");
    } else if (lastSeq > lastCheckpointSeq && lastSeq != lastCheckpointLine) {
      notes.add(
          (lastSeq - lastCheckpointSeq)
              + " records after record "
              + lastCheckpointSeq
              + " are covered by the hash chain only: without a later checkpoint, records removed "
              + "from the end of the log cannot be proven missing");
    }
  }

  private AuditVerification fail(AuditVerification.Problem problem, long seq, String message) {
    return new AuditVerification(
        problem, seq, message, records, expectedSeq - 1, checkpoints, lastCheckpointSeq, notes);
  }

  private static JsonObject parse(byte[] line) {
    try {
      return AuditFileSet.parse(line);
    } catch (IllegalStateException e) {
      return null;
    }
  }
}
