package org.keyward.engine.pki;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.keyward.engine.pki.OcspRequestParser.MalformedOcspRequest;

/**
 * Fuzzes the OCSP request parser ({@link OcspRequestParser}), the one PKI input any client can send
 * without a token: any bytes, as a POST body and as a GET's base64 segment, parse or fail with
 * {@link MalformedOcspRequest} (answered {@code malformedRequest}), never another exception or an
 * error. In the normal build Jazzer runs in regression mode over the seeds in {@code
 * OcspRequestFuzzTestInputs/} (openssl requests with and without nonce, two certificates with
 * SHA-256, truncated, trailing bytes, a flipped nonce, deep indefinite-length nesting, not DER);
 * {@code JAZZER_FUZZ=1} fuzzes (see docs/pki.md).
 */
class OcspRequestFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse_anyInput_failsOnlyAsMalformed(byte[] data) {
    parsedOrMalformed(() -> OcspRequestParser.parse(data));
    parsedOrMalformed(
        () -> OcspRequestParser.parseBase64(new String(data, StandardCharsets.ISO_8859_1)));
  }

  private static void parsedOrMalformed(Runnable parse) {
    try {
      parse.run();
    } catch (MalformedOcspRequest expected) {
      // the client's malformed request
    }
  }
}
