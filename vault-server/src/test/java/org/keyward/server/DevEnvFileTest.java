package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevEnvFileTest {
  @TempDir Path dir;

  @Test
  void write_newFile_hasMode0600AndTheExportLines() throws IOException {
    DevEnvFile env = new DevEnvFile("https://127.0.0.1:8200", dir.resolve("tls/ca.pem"), "hvs.abc");
    Path file = env.write(dir);
    assertEquals(dir.resolve("dev.env"), file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        List.of(
            "export VAULT_ADDR='https://127.0.0.1:8200'",
            "export VAULT_CACERT='" + dir.resolve("tls/ca.pem").toAbsolutePath() + "'",
            "export VAULT_TOKEN='hvs.abc'"),
        Files.readAllLines(file));
  }

  @Test
  void write_existingWiderFile_isReplacedWithMode0600() throws IOException {
    Path old = dir.resolve("dev.env");
    Files.writeString(old, "old");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
    new DevEnvFile("https://127.0.0.1:1", dir.resolve("ca.pem"), "t").write(dir);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
    assertFalse(Files.readString(old).contains("old"));
  }

  @Test
  void lines_tokenWithQuote_isShellQuoted() {
    assertEquals("'it'\\''s'", DevEnvFile.shellQuote("it's"));
  }

  @Test
  void toString_hidesToken() {
    String s = new DevEnvFile("https://x:1", dir, "hvs.secret").toString();
    assertFalse(s.contains("hvs.secret"));
    assertTrue(s.contains("REDACTED"));
  }

  @Test
  void randomRootToken_isVaultStyleAndUnique() {
    String a = DevRootToken.random();
    assertTrue(a.matches("hvs\\.[A-Za-z0-9_-]{43}"), a);
    assertFalse(a.equals(DevRootToken.random()));
  }
}
