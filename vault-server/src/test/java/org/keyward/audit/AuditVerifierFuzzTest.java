package org.keyward.audit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzzes the audit log reader behind {@code keyward audit verify} ({@link AuditVerifier}): any file
 * content gives a verdict (intact or broken, with a message), never an exception other than the
 * reader's {@link IOException}. Regression mode in the normal build over {@code
 * AuditVerifierFuzzTestInputs/} (a real chained log with a checkpoint, and damaged copies); {@code
 * JAZZER_FUZZ=1} fuzzes.
 */
class AuditVerifierFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void verify_anyFile_givesAVerdict(byte[] data) throws IOException {
    Path file = Files.createTempFile("keyward-audit-fuzz", ".log");
    try {
      Files.write(file, data);
      try {
        new AuditVerifier(null, -1).verify(List.of(file));
      } catch (IOException e) {
        // unreadable as a whole: the command reports it
      }
    } finally {
      Files.delete(file);
    }
  }
}
