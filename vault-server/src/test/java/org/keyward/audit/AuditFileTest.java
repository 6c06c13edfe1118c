package org.keyward.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditFileTest {
  private static final int MAX_BYTES = 1000;

  @TempDir Path dir;

  /** A batch larger than the limit, written into a fresh file, rotates within the batch. */
  @Test
  void append_oneBatchPastMaxBytesIntoAnEmptyFile_rotatesWithinTheBatch() throws Exception {
    Path path = dir.resolve("audit.log");
    AuditFile file = AuditFile.open(path, MAX_BYTES, false);
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      bodies.add(
          ("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(150) + "\"}")
              .getBytes(StandardCharsets.UTF_8));
    }

    file.append(bodies);
    file.close();

    List<Path> files = new ArrayList<>();
    files.add(path);
    for (int n = 1; Files.exists(AuditFileSet.rotatedName(path, n)); n++) {
      files.add(AuditFileSet.rotatedName(path, n));
    }
    assertTrue(files.size() >= 4, "expected the batch spread over rotated files: " + files);
    long lines = 0;
    for (Path f : files) {
      List<String> content = Files.readAllLines(f);
      lines += content.size();
      long longest = content.stream().mapToLong(l -> l.length() + 1).max().orElse(0);
      assertTrue(
          Files.size(f) < MAX_BYTES + longest,
          f + " holds " + Files.size(f) + " bytes, past the limit by more than one line");
    }
    assertEquals(20, lines);
  }
}
