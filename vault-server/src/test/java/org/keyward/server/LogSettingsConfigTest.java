package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** {@code log_format} and {@code log_level}, as Vault spells their values. */
class LogSettingsConfigTest {
  private static ServerConfig resolve(Properties file, Map<String, String> env) {
    return ServerConfig.resolve(Map.of(), file, "config file f", env, Map.of());
  }

  @Test
  void defaults_areTextAtInfo() {
    assertEquals(LogSettings.DEFAULT, resolve(new Properties(), Map.of()).logging());
  }

  @Test
  void fileAndEnvironment_setFormatAndLevel() {
    Properties file = new Properties();
    file.setProperty("log_format", "json");
    file.setProperty("log_level", "warn");
    assertEquals(
        new LogSettings(LogSettings.Format.JSON, Level.WARNING), resolve(file, Map.of()).logging());
    assertEquals(Level.FINE, resolve(file, Map.of("KEYWARD_LOG_LEVEL", "DEBUG")).logging().level());
  }

  @Test
  void badValues_nameTheKeyAndTheAcceptedValues() {
    Properties file = new Properties();
    file.setProperty("log_format", "xml");
    assertEquals(
        "log_format (from config file f): expected text or json, got 'xml'",
        assertThrows(ConfigException.class, () -> resolve(file, Map.of())).getMessage());
    assertEquals(
        "log_level (from environment variable KEYWARD_LOG_LEVEL): expected trace, debug, info,"
            + " warn or error, got 'verbose'",
        assertThrows(
                ConfigException.class,
                () -> resolve(new Properties(), Map.of("KEYWARD_LOG_LEVEL", "verbose")))
            .getMessage());
  }
}
