package org.keyward.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fuzzes the configuration file ({@link ServerConfig#load}): any file content is a configuration or
 * a {@link ConfigException} naming the problem, never another exception. Regression mode in the
 * normal build over {@code ServerConfigFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ServerConfigFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void load_anyFile_failsOnlyWithConfigException(byte[] data) throws IOException {
    Path file = Files.createTempFile("keyward-fuzz", ".conf");
    try {
      Files.write(file, data);
      ServerConfig.load(file, Map.of(), Map.of(), Map.of());
    } catch (ConfigException e) {
      // refused with a message: fine
    } finally {
      Files.delete(file);
    }
  }
}
