package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VaultConfigTest {
  @Test
  void fromEnvironment_addressAndToken_areRead() {
    VaultConfig c =
        VaultConfig.fromEnvironment(
                Map.of("VAULT_ADDR", "https://vault.example.net:8200", "VAULT_TOKEN", " s.abc\n"))
            .build();

    assertEquals("https://vault.example.net:8200/", c.address().toString());
    assertEquals("s.abc", c.token().orElseThrow().reveal());
    assertFalse(c.toString().contains("s.abc"), c::toString);
  }

  @Test
  void fromEnvironment_nothingSet_defaultsToLocalVault() {
    VaultConfig c = VaultConfig.fromEnvironment(Map.of()).build();

    assertEquals("https://127.0.0.1:8200/", c.address().toString());
    assertTrue(c.token().isEmpty());
  }

  @Test
  void fromEnvironment_certWithoutKey_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> VaultConfig.fromEnvironment(Map.of("VAULT_CLIENT_CERT", "/x.pem")));
  }

  @Test
  void fromEnvironment_missingCaFile_namesTheFile() {
    Exception e =
        assertThrows(
            Exception.class,
            () -> VaultConfig.fromEnvironment(Map.of("VAULT_CACERT", "/no/such/ca.pem")));

    assertTrue(e.getMessage().contains(Path.of("/no/such/ca.pem").toString()), e::getMessage);
  }

  @Test
  void builder_badSchemeOrTimeout_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> VaultConfig.builder().address("ftp://x"));
    assertThrows(
        IllegalArgumentException.class, () -> VaultConfig.builder().requestTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> VaultConfig.builder().build());
  }
}
