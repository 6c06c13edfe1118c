package org.keyward.engine.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keyward.http.ApiError;
import org.keyward.testing.Futures;

class CsrValidatorTest {
  @Test
  void validate_goodCsr_returnsKeyAndNames() {
    KeyPair key = TestCsrs.ecKey();
    CsrValidator.ValidCsr csr =
        CsrValidator.validate(TestCsrs.csr(key, "a.example.org", "b.example.org"));
    assertEquals(key.getPublic(), csr.publicKey());
    assertEquals("a.example.org", csr.commonName());
    assertEquals(List.of("b.example.org"), csr.dnsNames());
  }

  @Test
  void validate_rsa2048_isAccepted() {
    KeyPair key = TestCsrs.rsaKey(2048);
    assertEquals(key.getPublic(), CsrValidator.validate(TestCsrs.csr(key, "a.b")).publicKey());
  }

  @Test
  void validate_signedByOtherKey_fails() {
    assertRefused(TestCsrs.badlySigned("a.example.org"), "the CSR's signature is invalid");
  }

  @Test
  void validate_notPem_fails() {
    assertRefused("hello", "field 'csr' is not a valid PEM certificate request");
  }

  @Test
  void validate_certificateInsteadOfCsr_fails() {
    String certificate =
        PemCodec.pem(
            CertificateBuilder.build(
                CertificateProfile.authority(
                    CertificateProfile.subject("x", List.of(), List.of(), List.of()),
                    List.of(),
                    List.of(),
                    3600,
                    -1,
                    java.time.Instant.now(),
                    null),
                TestCsrs.ecKey().getPublic(),
                null,
                Futures.await(new JdkCaKeyCustody().createKey("k", CaKeyType.EC_P256))));
    assertRefused(certificate, "field 'csr' is not a valid PEM certificate request");
  }

  @Test
  void validate_rsa1024_fails() {
    assertRefused(
        TestCsrs.csr(TestCsrs.rsaKey(1024), "a.b"), "RSA keys below 2048 bits are refused");
  }

  private static void assertRefused(String pem, String message) {
    ApiError error = assertThrows(ApiError.class, () -> CsrValidator.validate(pem));
    assertEquals(400, error.status());
    assertEquals(List.of(message), error.messages());
  }
}
