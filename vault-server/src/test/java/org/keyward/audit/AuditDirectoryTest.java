package org.keyward.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.http.ApiError;

/** CVE-2025-6000: an API-enabled file device must not write outside the configured directory. */
class AuditDirectoryTest {
  @TempDir Path tmp;
  private Path root;
  private Path outside;
  private AuditDirectory audit;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectory(tmp.resolve("audit"));
    outside = Files.createDirectory(tmp.resolve("plugins"));
    audit = new AuditDirectory(root);
  }

  private int refused(String filePath) {
    return assertThrows(ApiError.class, () -> audit.resolve(filePath)).status();
  }

  @Test
  void resolve_relativeName_staysInTheDirectory() throws Exception {
    assertEquals(root.toRealPath().resolve("vault.log"), audit.resolve("vault.log"));
    assertEquals(root.toRealPath().resolve("team/a.log"), audit.resolve("team/a.log"));
    assertEquals(root.toRealPath().resolve("b.log"), audit.resolve(root.toRealPath() + "/b.log"));
  }

  @Test
  void resolve_dotDotSegments_areRefused() {
    assertEquals(400, refused("../plugins/evil.so"));
    assertEquals(400, refused("team/../../plugins/evil.so"));
    assertEquals(400, refused(root + "/../plugins/evil.so"));
  }

  @Test
  void resolve_absolutePathElsewhere_isRefused() {
    assertEquals(400, refused(outside.resolve("evil.so").toString()));
    assertEquals(400, refused("/etc/cron.d/keyward"));
    assertEquals(400, refused(root.toString()));
  }

  @Test
  void resolve_symlinkedDirectoryLeadingOut_isRefused() throws Exception {
    Files.createSymbolicLink(root.resolve("escape"), outside);

    assertEquals(400, refused("escape/evil.so"));
  }

  @Test
  void resolve_symlinkedFile_isRefused() throws Exception {
    Files.createSymbolicLink(root.resolve("vault.log"), outside.resolve("evil.so"));

    assertEquals(400, refused("vault.log"));
  }

  @Test
  void resolve_emptyPath_isRefused() {
    assertEquals(400, refused(""));
    assertEquals(400, refused(null));
  }
}
