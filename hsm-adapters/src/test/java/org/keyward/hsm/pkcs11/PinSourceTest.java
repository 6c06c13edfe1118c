package org.keyward.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.hsm.HsmException;

class PinSourceTest {
  @TempDir Path dir;

  @Test
  void read_fromFileWithNewline_returnsFirstLine() throws Exception {
    Path file = Files.writeString(dir.resolve("pin"), "24681357\n");
    assertArrayEquals("24681357".toCharArray(), PinSource.file(file).read());
  }

  @Test
  void toString_neverShowsPin() throws Exception {
    Path file = Files.writeString(dir.resolve("pin"), "24681357\n");
    PinSource source = PinSource.file(file);
    assertEquals("file:" + file, source.toString());
    Pkcs11Config config = new Pkcs11Config(Path.of("/lib.so"), "tok", source);
    assertFalse(config.toString().contains("24681357"), config.toString());
  }

  @Test
  void read_fromMissingFile_failsWithConfigurationNamingFile() {
    Path missing = dir.resolve("absent.pin");
    HsmException e = assertThrows(HsmException.class, () -> PinSource.file(missing).read());
    assertEquals(HsmException.Kind.CONFIGURATION, e.kind());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void read_fromEmptyFile_failsWithConfiguration() throws Exception {
    Path file = Files.writeString(dir.resolve("pin"), "\n");
    assertEquals(
        HsmException.Kind.CONFIGURATION,
        assertThrows(HsmException.class, () -> PinSource.file(file).read()).kind());
  }

  @Test
  void read_fromUnsetVariable_failsWithConfigurationNamingVariable() {
    HsmException e =
        assertThrows(
            HsmException.class, () -> PinSource.environment("KEYWARD_TEST_NO_SUCH_PIN").read());
    assertEquals(HsmException.Kind.CONFIGURATION, e.kind());
    assertTrue(e.getMessage().contains("KEYWARD_TEST_NO_SUCH_PIN"), e.getMessage());
  }

  @Test
  void config_withZeroSessions_isRejected() {
    PinSource pin = PinSource.environment("X");
    assertThrows(
        IllegalArgumentException.class,
        () -> new Pkcs11Config(Path.of("/lib.so"), "tok", pin).withSessions(0));
  }
}
