package org.keyward.audit;

import io.vertx.core.json.JsonObject;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint half of {@link AuditVerifier}: checks each signed checkpoint (its key, its
 * signature, the record hash it covers, where its file began) and keeps count of them, adding to
 * the verifier's notes what a checkpoint cannot prove. One instance per run.
 */
final class AuditCheckpointCheck {
  /** What is wrong, found at record {@code seq}; the verifier adds its counters. */
  record Finding(AuditVerification.Problem problem, long seq, String message) {}

  private final PublicKey trustedKey;
  private final List<String> notes;
  private int checkpoints;
  private long lastCheckpointSeq;
  private long lastCheckpointLine = -1;
  private String embeddedKeyId;

  /**
   * @param trustedKey the published checkpoint key, or null to use the key in each checkpoint
   * @param notes the verifier's notes, added to here
   */
  AuditCheckpointCheck(PublicKey trustedKey, List<String> notes) {
    this.trustedKey = trustedKey;
    this.notes = notes;
  }

  /** Checkpoints that verified so far. */
  int count() {
    return checkpoints;
  }

  /** The highest record a verified checkpoint covers, 0 if none. */
  long lastCoveredSeq() {
    return lastCheckpointSeq;
  }

  /**
   * Checks the checkpoint record at {@code lineSeq}; null if it holds. {@code recentHashes} maps
   * recent record numbers to their line hashes; {@code fileStarts} ({firstSeq, fileIndex}) and
   * {@code fileGenesis} say where each file given began and with which prev.
   */
  Finding check(
      long lineSeq,
      JsonObject json,
      Map<Long, String> recentHashes,
      List<long[]> fileStarts,
      List<String> fileGenesis) {
    Checkpoint cp;
    PublicKey key;
    try {
      cp = Checkpoint.fromJson(json.getJsonObject("checkpoint"));
      key = trustedKey != null ? trustedKey : cp.embeddedKey();
    } catch (RuntimeException | GeneralSecurityException e) {
      return new Finding(
          AuditVerification.Problem.BAD_SIGNATURE,
          lineSeq,
          "checkpoint at record " + lineSeq + " is malformed");
    }
    if (trustedKey != null && !cp.keyId().equals(AuditChain.sha256Hex(trustedKey.getEncoded()))) {
      return new Finding(
          AuditVerification.Problem.BAD_SIGNATURE,
          lineSeq,
          "checkpoint at record " + lineSeq + " is signed by another key (" + cp.keyId() + ")");
    }
    if (!cp.verifies(key)) {
      return new Finding(
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
      return new Finding(
          AuditVerification.Problem.CHANGED,
          cp.seq(),
          "record "
              + cp.seq()
              + " changed: it does not match the signed checkpoint at record "
              + lineSeq);
    }
    Finding start = checkFileStart(cp, lineSeq, fileStarts, fileGenesis);
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
  private static Finding checkFileStart(
      Checkpoint cp, long lineSeq, List<long[]> fileStarts, List<String> fileGenesis) {
    for (int i = fileStarts.size() - 1; i >= 0; i--) {
      long firstSeq = fileStarts.get(i)[0];
      if (firstSeq > cp.seq()) {
        continue;
      }
      if (firstSeq > cp.fileFirstSeq()) {
        long from = cp.fileFirstSeq();
        return new Finding(
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
        return new Finding(
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

  /** Says what the checkpoints seen cannot prove about the records after the last of them. */
  void addTailNotes(long lastSeq) {
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
}
