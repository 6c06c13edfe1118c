package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/softhsm-dev-token.sh}, run as the launcher runs it, with real softhsm2-util: it
 * reuses its token, and when the data directory holds a vault whose token is gone it refuses to
 * make a new one, says how to recover, and never touches the PIN file (a new PIN over the old one
 * would make the old token useless when it is put back).
 */
class DevTokenScriptIT {
  private static final Path REPO =
      Path.of(System.getProperty("keyward.test.dir", "target"))
          .toAbsolutePath()
          .getParent()
          .getParent();

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run script(Path dataDir, Map<String, String> env) throws Exception {
    ProcessBuilder b =
        new ProcessBuilder(
                REPO.resolve("scripts/softhsm-dev-token.sh").toString(), dataDir.toString())
            .redirectOutput(dir.resolve("out").toFile())
            .redirectError(dir.resolve("err").toFile());
    b.environment().remove("SOFTHSM2_CONF");
    b.environment().putAll(env);
    Process p = b.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script did not finish");
    return new Run(
        p.exitValue(),
        Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
  }

  private static long tokenDirs(Path data) throws IOException {
    try (Stream<Path> s = Files.list(data.resolve("hsm/tokens"))) {
      return s.count();
    }
  }

  @Test
  void tokenGoneWithPinFile_refusesWithRecoveryHint_andKeepsPin() throws Exception {
    Path data = dir.resolve("data");
    Run first = script(data, Map.of());
    assertEquals(0, first.exit(), first.err());
    Path pin = data.resolve("hsm/pin");
    String pinBefore = Files.readString(pin);
    Run again = script(data, Map.of());
    assertEquals(0, again.exit(), again.err());
    assertEquals(pinBefore, Files.readString(pin), "a second run reuses token and PIN");
    assertEquals(1, tokenDirs(data));

    try (Stream<Path> tokens = Files.list(data.resolve("hsm/tokens"))) {
      Path token = tokens.findFirst().orElseThrow();
      Files.move(token, dir.resolve("moved-away"));
    }
    Run gone = script(data, Map.of());

    assertEquals(1, gone.exit(), gone.out());
    assertTrue(
        gone.err().contains("holds a vault whose HSM token 'keyward-dev' is gone"), gone.err());
    assertTrue(gone.err().contains("recovery_key"), gone.err());
    assertEquals(pinBefore, Files.readString(pin), "the PIN file was overwritten");
    assertEquals(0, tokenDirs(data), "a new token was made");
  }

  @Test
  void vaultWithoutTokenOrPin_refusesUnlessNewTokenAskedFor() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("keyward.db"), "not empty");

    Run refused = script(data, Map.of());
    assertEquals(1, refused.exit(), refused.out());
    assertTrue(refused.err().contains("holds a vault"), refused.err());
    assertTrue(Files.notExists(data.resolve("hsm/pin")));

    Run made = script(data, Map.of("KEYWARD_DEV_NEW_TOKEN", "1"));
    assertEquals(0, made.exit(), made.err());
    assertTrue(Files.size(data.resolve("hsm/pin")) > 0);
    assertTrue(made.out().contains("KEYWARD_HSM_PIN_FILE"), made.out());
  }
}
