package org.keyward.engine.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.keyward.http.ApiError;

class CertificateProfileTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant FAR = NOW.plusSeconds(365L * 86400);
  private static final RequestedNames NAMES =
      RequestedNames.of("a.example.org", List.of(), List.of(), false);

  private static PkiRole role(String ttl, String maxTtl) {
    return TestRoles.of(
        new JsonObject()
            .put("allowed_domains", "example.org")
            .put("allow_subdomains", true)
            .put("ttl", ttl)
            .put("max_ttl", maxTtl));
  }

  @Test
  void leaf_withoutTtl_usesRoleTtlAndBackdates30s() {
    CertificateProfile profile = CertificateProfile.leaf(role("2h", "10h"), NAMES, 0, NOW, FAR);
    assertEquals(NOW.minusSeconds(30), profile.notBefore());
    assertEquals(NOW.plusSeconds(7200), profile.notAfter());
  }

  @Test
  void leaf_ttlPastMaxTtl_isRefused() {
    ApiError error =
        assertThrows(
            ApiError.class,
            () -> CertificateProfile.leaf(role("2h", "10h"), NAMES, 36001, NOW, FAR));
    assertEquals(400, error.status());
  }

  @Test
  void leaf_ttlPastIssuer_isClampedToIssuerNotAfter() {
    Instant issuerEnd = NOW.plusSeconds(3600);
    CertificateProfile profile =
        CertificateProfile.leaf(role("2h", "10h"), NAMES, 7200, NOW, issuerEnd);
    assertEquals(issuerEnd, profile.notAfter());
  }

  @Test
  void leaf_roleWithoutTtls_usesVaultDefaultOf32Days() {
    PkiRole role = TestRoles.exampleOrg();
    CertificateProfile profile = CertificateProfile.leaf(role, NAMES, 0, NOW, FAR);
    assertEquals(NOW.plusSeconds(768L * 3600), profile.notAfter());
  }

  @Test
  void leaf_flags_giveServerAndClientAuth() {
    CertificateProfile profile = CertificateProfile.leaf(role("1h", "2h"), NAMES, 0, NOW, FAR);
    assertEquals(
        List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth),
        profile.keyPurposes());
    PkiRole serverOnly =
        TestRoles.of(
            new JsonObject()
                .put("allowed_domains", "example.org")
                .put("client_flag", false)
                .put("ext_key_usage", "CodeSigning"));
    assertEquals(
        List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_codeSigning),
        serverOnly.keyPurposes());
  }

  @Test
  void role_unknownExtKeyUsage_isRefused() {
    assertThrows(
        ApiError.class, () -> TestRoles.of(new JsonObject().put("ext_key_usage", "Teleportation")));
  }

  @Test
  void caKeyType_rsaWithoutBits_isRsa3072AndRsa2048OnlyExplicit() {
    assertEquals(CaKeyType.RSA_3072, CaKeyType.of("rsa", 0));
    assertEquals(CaKeyType.RSA_2048, CaKeyType.of("rsa", 2048));
    assertEquals(CaKeyType.EC_P256, CaKeyType.of("", 0));
    assertThrows(ApiError.class, () -> CaKeyType.of("ed25519", 0));
  }
}
