package org.keyward.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.testing.SoftHsmToken;

/** Startup failures a user must be able to act on from the message alone. */
class Pkcs11StartupFailureIT {
  private static SoftHsmToken token;

  @BeforeAll
  static void createToken() {
    token = SoftHsmToken.create();
  }

  @Test
  void open_withWrongPin_failsWithLoginFailedAndNoPin(@TempDir Path dir) throws Exception {
    String wrongPin = "99" + new String(token.pin()).substring(2).replace('9', '8');
    Path pinFile = Files.writeString(dir.resolve("wrong.pin"), wrongPin);
    Pkcs11Config config = new Pkcs11Config(token.library(), token.label(), PinSource.file(pinFile));
    HsmException e = assertThrows(HsmException.class, () -> Pkcs11KeyProvider.open(config));
    assertEquals(HsmException.Kind.LOGIN_FAILED, e.kind());
    assertEquals(
        "PIN refused for token '" + token.label() + "' (CKR_PIN_INCORRECT)", e.getMessage());
    assertNoPin(e, wrongPin);
    assertFalse(config.toString().contains(wrongPin), config.toString());
  }

  @Test
  void open_withUnknownTokenLabel_failsWithConfigurationListingLabels() throws Exception {
    Pkcs11Config config = new Pkcs11Config(token.library(), "no-such-token", token.pinSource());
    HsmException e = assertThrows(HsmException.class, () -> Pkcs11KeyProvider.open(config));
    assertEquals(HsmException.Kind.CONFIGURATION, e.kind());
    assertTrue(e.getMessage().startsWith("no token labelled 'no-such-token'"), e.getMessage());
    assertTrue(e.getMessage().contains("'" + token.label() + "'"), e.getMessage());
    assertNoPin(e, new String(token.pin()));
  }

  @Test
  void open_withMissingLibrary_failsWithConfigurationNamingPath() {
    Path missing = Path.of("/nonexistent/libsofthsm2.so");
    Pkcs11Config config = new Pkcs11Config(missing, token.label(), token.pinSource());
    HsmException e = assertThrows(HsmException.class, () -> Pkcs11KeyProvider.open(config));
    assertEquals(HsmException.Kind.CONFIGURATION, e.kind());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install softhsm2"), e.getMessage());
  }

  @Test
  void open_withLibraryThatIsNotPkcs11_failsWithConfiguration(@TempDir Path dir) throws Exception {
    Path notALibrary = Files.writeString(dir.resolve("lib.so"), "not an ELF file");
    Pkcs11Config config = new Pkcs11Config(notALibrary, token.label(), token.pinSource());
    HsmException e = assertThrows(HsmException.class, () -> Pkcs11KeyProvider.open(config));
    assertEquals(HsmException.Kind.CONFIGURATION, e.kind());
    assertTrue(e.getMessage().contains(notALibrary.toString()), e.getMessage());
  }

  @Test
  void open_withUnsetPinVariable_failsWithConfiguration() {
    Pkcs11Config config =
        new Pkcs11Config(
            token.library(), token.label(), PinSource.environment("KEYWARD_TEST_UNSET_PIN_VAR"));
    HsmException e = assertThrows(HsmException.class, () -> Pkcs11KeyProvider.open(config));
    assertEquals(HsmException.Kind.CONFIGURATION, e.kind());
    assertTrue(e.getMessage().contains("KEYWARD_TEST_UNSET_PIN_VAR"), e.getMessage());
  }

  @Test
  void configToString_neverShowsPin() {
    Pkcs11Config config = token.config();
    assertFalse(config.toString().contains(new String(token.pin())), config.toString());
    assertTrue(config.toString().contains(token.label()), config.toString());
  }

  @Test
  void open_secondTokenCreatedAfterModuleInitialized_isFound() throws Exception {
    // Keeps the SoftHsmToken claim honest: the module is already initialized by the first open,
    // and softhsm2-util then makes another token that the running module must see.
    try (Pkcs11KeyProvider first = token.open()) {
      SoftHsmToken later = SoftHsmToken.create();
      try (Pkcs11KeyProvider second = later.open()) {
        second.ping();
        first.ping();
      }
    }
  }

  private static void assertNoPin(Throwable e, String pin) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(pin), "PIN leaked in: " + t);
    }
  }
}
