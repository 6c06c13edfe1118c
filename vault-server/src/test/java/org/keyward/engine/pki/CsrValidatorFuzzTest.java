package org.keyward.engine.pki;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Fuzzes CSR parsing and validation ({@link CsrValidator}): any input is a valid CSR or a 400,
 * never another exception. In the normal build Jazzer runs in regression mode over the seeds in
 * {@code CsrValidatorFuzzTestInputs/} (real CSRs: EC, RSA, P-384 with unsupported SANs, P-192,
 * explicit curve parameters, a certificate, tampered and truncated DER); {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class CsrValidatorFuzzTest {
  /** Text starting with '-' is taken as PEM as sent; anything else as DER, wrapped in PEM. */
  @FuzzTest(maxDuration = "30s")
  void validate_anyInput_failsOnlyWithBadRequest(byte[] data) {
    String pem =
        data.length > 0 && data[0] == '-'
            ? new String(data, StandardCharsets.UTF_8)
            : "-----BEGIN CERTIFICATE REQUEST-----\n"
                + Base64.getMimeEncoder().encodeToString(data)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    FuzzOutcomes.onlyClientErrors(() -> CsrValidator.validate(pem));
  }
}
