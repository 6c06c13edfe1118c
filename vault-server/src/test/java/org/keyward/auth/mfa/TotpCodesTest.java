package org.keyward.auth.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpCodesTest {
  private static final byte[] SHA1_SEED =
      "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA256_SEED =
      "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA512_SEED =
      "1234567890123456789012345678901234567890123456789012345678901234"
          .getBytes(StandardCharsets.US_ASCII);

  /** RFC 6238 appendix B: time, then the SHA1, SHA256 and SHA512 codes (8 digits, 30 s). */
  @ParameterizedTest
  @CsvSource({
    "59, 94287082, 46119246, 90693936",
    "1111111109, 07081804, 68084774, 25091201",
    "1111111111, 14050471, 67062674, 99943326",
    "1234567890, 89005924, 91819424, 93441116",
    "2000000000, 69279037, 90698825, 38618901",
    "20000000000, 65353130, 77737706, 47863826"
  })
  void rfc6238Vectors_matchReferenceAndServerCheck(
      long time, String sha1, String sha256, String sha512) {
    assertEquals(sha1, ReferenceTotp.code(SHA1_SEED, time, 30, 8, "SHA1"));
    assertEquals(sha256, ReferenceTotp.code(SHA256_SEED, time, 30, 8, "SHA256"));
    assertEquals(sha512, ReferenceTotp.code(SHA512_SEED, time, 30, 8, "SHA512"));
    Instant at = Instant.ofEpochSecond(time);
    assertEquals(time / 30, accepted("SHA1", SHA1_SEED, sha1, at, -1).getAsLong());
    assertEquals(time / 30, accepted("SHA256", SHA256_SEED, sha256, at, -1).getAsLong());
    assertEquals(time / 30, accepted("SHA512", SHA512_SEED, sha512, at, -1).getAsLong());
  }

  @Test
  void acceptedStep_ofUsedStepOrEarlier_isRefused() {
    Instant at = Instant.ofEpochSecond(1111111111);
    assertTrue(accepted("SHA1", SHA1_SEED, "14050471", at, at.getEpochSecond() / 30).isEmpty());
    assertTrue(accepted("SHA1", SHA1_SEED, "14050471", at, at.getEpochSecond() / 30 + 1).isEmpty());
  }

  @Test
  void acceptedStep_withSpacesSignOrWrongLength_isRefused() {
    Instant at = Instant.ofEpochSecond(1111111111);
    for (String bad : new String[] {" 14050471", "14050471 ", "+4050471", "1405047", "140504711"}) {
      assertTrue(accepted("SHA1", SHA1_SEED, bad, at, -1).isEmpty(), bad);
    }
  }

  @Test
  void acceptedStep_withinSkew_acceptsNeighbourStepOnly() {
    TotpMethod skew1 = method("SHA1", 1);
    TotpSecret secret = new TotpSecret(SHA1_SEED, -1);
    Instant at = Instant.ofEpochSecond(1111111111);
    String previous = ReferenceTotp.code(SHA1_SEED, 1111111111 - 30, 30, 8, "SHA1");
    String twoBack = ReferenceTotp.code(SHA1_SEED, 1111111111 - 60, 30, 8, "SHA1");
    assertEquals(
        1111111111 / 30 - 1, TotpCodes.acceptedStep(skew1, secret, previous, at).getAsLong());
    assertTrue(TotpCodes.acceptedStep(skew1, secret, twoBack, at).isEmpty());
    assertTrue(TotpCodes.acceptedStep(method("SHA1", 0), secret, previous, at).isEmpty());
  }

  private static OptionalLong accepted(
      String algorithm, byte[] seed, String code, Instant at, long lastUsed) {
    return TotpCodes.acceptedStep(method(algorithm, 0), new TotpSecret(seed, lastUsed), code, at);
  }

  private static TotpMethod method(String algorithm, int skew) {
    return new TotpMethod(
        "00000000-0000-0000-0000-000000000000", "Keyward", 30, 8, algorithm, skew, 5, 200, 20);
  }
}
