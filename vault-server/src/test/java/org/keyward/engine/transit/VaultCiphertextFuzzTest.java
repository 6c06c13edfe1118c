package org.keyward.engine.transit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.keyward.http.ApiError;

/**
 * Fuzzes what transit reads from callers' ciphertext and signature strings: the {@code vault:v<N>:}
 * form ({@link VaultCiphertext#parse}) and an ECDSA signature's DER ({@link EcdsaSignatureFormat}).
 * Parsing ends in a value or a 4xx; the DER check says yes or no, and a JWS {@code r || s} always
 * converts. Regression mode over {@code VaultCiphertextFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class VaultCiphertextFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse_anyString_failsOnlyWithBadRequest(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    VaultCiphertext parsed;
    try {
      parsed = VaultCiphertext.parse(text);
    } catch (ApiError e) {
      if (e.status() != 400) {
        throw e;
      }
      return;
    }
    if (parsed.version() < 1 || !parsed.toString().equals(text)) {
      throw new AssertionError("round trip changed " + text);
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(parsed.payload());
    } catch (IllegalArgumentException e) {
      return; // the engine answers 400 for a payload that is not base64
    }
    EcdsaSignatureFormat.isStrictDer(der); // a caller's DER signature: yes or no, no exception
    if (der.length == 64) {
      EcdsaSignatureFormat.p1363ToDer(der); // a caller's JWS r || s
    }
  }
}
