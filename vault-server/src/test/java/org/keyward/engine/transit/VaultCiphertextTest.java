package org.keyward.engine.transit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keyward.http.ApiError;

class VaultCiphertextTest {
  @Test
  void parse_vaultForm_roundTrips() {
    VaultCiphertext ct = VaultCiphertext.parse("vault:v12:YWJj");
    assertEquals(12, ct.version());
    assertEquals("YWJj", ct.payload());
    assertEquals("vault:v12:YWJj", ct.toString());
  }

  @Test
  void parse_malformed_fails400() {
    for (String bad :
        List.of(
            "",
            "YWJj",
            "vault:v:YWJj",
            "vault:v0:YWJj",
            "vault:vx:YWJj",
            "vault:v99999999999:a",
            "vault:v1")) {
      ApiError e = assertThrows(ApiError.class, () -> VaultCiphertext.parse(bad), bad);
      assertEquals(400, e.status());
    }
  }

  @Test
  void wireBytes_anyVersionAndLength_spellTheStringForm() {
    for (int version : new int[] {1, 9, 10, 99, 100, 12_345, Integer.MAX_VALUE}) {
      for (int length = 0; length <= 100; length++) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
          payload[i] = (byte) (i * 37 + version);
        }
        String expected =
            new VaultCiphertext(version, Base64.getEncoder().encodeToString(payload)).toString();
        assertEquals(
            expected,
            new String(VaultCiphertext.wireBytes(version, payload), StandardCharsets.US_ASCII),
            version + "/" + length);
      }
    }
  }

  @Test
  void keyName_invalid_fails400() {
    for (String bad : List.of("", ".hidden", "a/b", "x".repeat(129), "a b")) {
      assertEquals(400, assertThrows(ApiError.class, () -> new KeyName(bad)).status(), bad);
    }
    assertEquals("olt-17.v2_x", new KeyName("olt-17.v2_x").value());
  }
}
