package org.keyward.auth.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.keyward.auth.TestCerts;
import org.keyward.auth.TestCerts.Issued;
import org.keyward.auth.TestCerts.Spec;

class CertChainVerifierTest {
  private static final Issued ROOT = TestCerts.rootCa("Keyward Cells Root");
  private static final Issued INTERMEDIATE = TestCerts.intermediateCa("Cells Issuing", ROOT);
  private final Instant now = Instant.now();

  @Test
  void trusts_leafIssuedByRoleCa_true() {
    Issued leaf = TestCerts.clientLeaf("cell-17", ROOT);
    assertTrue(CertChainVerifier.trusts(role(ROOT), leaf.chain(), now));
  }

  @Test
  void trusts_leafViaIntermediateUnderRoleRoot_true() {
    Issued leaf = TestCerts.clientLeaf("cell-17", INTERMEDIATE);
    assertEquals(2, leaf.chain().size());
    assertTrue(CertChainVerifier.trusts(role(ROOT), leaf.chain(), now));
  }

  @Test
  void trusts_chainIncludingTheAnchorItself_true() {
    Issued leaf = TestCerts.clientLeaf("cell-17", ROOT);
    assertTrue(CertChainVerifier.trusts(role(ROOT), List.of(leaf.cert(), ROOT.cert()), now));
  }

  @Test
  void trusts_leafWithoutItsIntermediate_false() {
    Issued leaf = TestCerts.clientLeaf("cell-17", INTERMEDIATE);
    assertFalse(CertChainVerifier.trusts(role(ROOT), List.of(leaf.cert()), now));
  }

  @Test
  void trusts_leafOfAnotherCa_false() {
    Issued otherRoot = TestCerts.rootCa("Keyward Cells Root");
    Issued leaf = TestCerts.clientLeaf("cell-17", otherRoot);
    assertFalse(CertChainVerifier.trusts(role(ROOT), leaf.chain(), now));
  }

  @Test
  void trusts_chainOfOnlyTheCaCertificate_false() {
    assertFalse(CertChainVerifier.trusts(role(ROOT), List.of(ROOT.cert()), now));
  }

  @Test
  void trusts_expiredLeaf_false() {
    Issued leaf =
        TestCerts.issue(
            new Spec("cell-17").validity(now.minus(Duration.ofDays(2)), now.minusSeconds(60)),
            ROOT);
    assertFalse(CertChainVerifier.trusts(role(ROOT), leaf.chain(), now));
  }

  @Test
  void trusts_leafWithServerAuthOnlyEku_false() {
    Issued leaf = TestCerts.issue(new Spec("cell-17").eku(KeyPurposeId.id_kp_serverAuth), ROOT);
    assertFalse(CertChainVerifier.trusts(role(ROOT), leaf.chain(), now));
  }

  @Test
  void trusts_leafWithoutEku_true() {
    Issued leaf = TestCerts.issue(new Spec("cell-17").eku(null), ROOT);
    assertTrue(CertChainVerifier.trusts(role(ROOT), leaf.chain(), now));
  }

  @Test
  void trusts_pinnedLeafPresented_true() {
    Issued pinned = TestCerts.clientLeaf("cell-17", ROOT);
    assertTrue(CertChainVerifier.trusts(role(pinned), List.of(pinned.cert()), now));
  }

  @Test
  void trusts_lookAlikeWithSameKeyAndSerialOtherCn_false() {
    Issued pinned = TestCerts.clientLeaf("cell-17", ROOT);
    Issued lookAlike =
        TestCerts.issue(
            new Spec("cell-99").keys(pinned.keys()).serial(pinned.cert().getSerialNumber()), ROOT);
    assertEquals(pinned.cert().getSerialNumber(), lookAlike.cert().getSerialNumber());
    assertEquals(pinned.cert().getPublicKey(), lookAlike.cert().getPublicKey());

    assertFalse(CertChainVerifier.trusts(role(pinned), List.of(lookAlike.cert()), now));
  }

  @Test
  void trusts_pinnedLeafAsSecondOfChain_false() {
    Issued pinned = TestCerts.clientLeaf("cell-17", ROOT);
    Issued other = TestCerts.clientLeaf("cell-99", ROOT);
    assertFalse(CertChainVerifier.trusts(role(pinned), List.of(other.cert(), pinned.cert()), now));
  }

  static CertRole role(Issued trusted) {
    return new CertRole(
        "cells",
        trusted.certPem(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        "",
        List.of("cell"),
        0,
        0);
  }
}
