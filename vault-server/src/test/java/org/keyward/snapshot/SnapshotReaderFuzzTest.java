package org.keyward.snapshot;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzzes the snapshot reader, which reads files an attacker may have written: any input is read to
 * the end and verified, or refused with a {@link SnapshotRejectedException}; never another
 * exception, a hang or an allocation the input did not pay for. In the normal build Jazzer runs in
 * regression mode over the seeds in {@code SnapshotReaderFuzzTestInputs/} (an intact snapshot,
 * truncated, flipped, reordered and oversized-length variants); {@code JAZZER_FUZZ=1} fuzzes.
 */
class SnapshotReaderFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void read_anyBytes_verifiesOrIsRefused(byte[] data) throws IOException {
    try {
      new SnapshotReader(new ByteArrayInputStream(data)).verifyToEnd();
    } catch (SnapshotRejectedException expected) {
      // a refusal with a reason is the one allowed failure
    }
  }
}
