package org.keyward.auth.cert;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keyward.auth.TestCerts;
import org.keyward.auth.TestCerts.Issued;
import org.keyward.auth.TestCerts.Spec;

class CertNameMatcherTest {
  private static final Issued ROOT = TestCerts.rootCa("Root");

  @Test
  void glob_starInMiddleAndEnds_matchesAsVault() {
    assertTrue(CertNameMatcher.glob("cell-*.example", "cell-17.example", false));
    assertTrue(CertNameMatcher.glob("*", "", false));
    assertTrue(CertNameMatcher.glob("a*b*c", "abc", false));
    assertFalse(CertNameMatcher.glob("a*b*c", "acb", false));
    assertFalse(CertNameMatcher.glob("cell-*", "xcell-1", false));
    assertFalse(CertNameMatcher.glob("ab*ba", "aba", false));
    assertTrue(CertNameMatcher.glob("*.EXAMPLE", "x.example", true));
    assertFalse(CertNameMatcher.glob("Cell-17", "cell-17", false));
  }

  @Test
  void matches_commonNameInAllowedGlob_true() {
    Issued leaf = TestCerts.clientLeaf("cell-17", ROOT);
    assertTrue(CertNameMatcher.matches(role(List.of("cell-*"), List.of(), List.of()), leaf.cert()));
  }

  @Test
  void matches_commonNameOutsideAllowed_false() {
    Issued leaf = TestCerts.clientLeaf("admin", ROOT);
    assertFalse(
        CertNameMatcher.matches(role(List.of("cell-*"), List.of(), List.of()), leaf.cert()));
  }

  @Test
  void matches_secondCommonNameNotAllowed_false() {
    Issued twoCns = TestCerts.issue(new Spec("cell-17").alsoCn("admin"), ROOT);
    assertFalse(
        CertNameMatcher.matches(role(List.of("cell-*"), List.of(), List.of()), twoCns.cert()));
  }

  @Test
  void matches_dnsSanCaseInsensitive_true() {
    Issued leaf = TestCerts.issue(new Spec("x").dns("Cell-17.Cells.Example"), ROOT);
    assertTrue(
        CertNameMatcher.matches(
            role(List.of(), List.of("*.cells.example"), List.of()), leaf.cert()));
  }

  @Test
  void matches_dnsRequiredButNoSan_false() {
    Issued leaf = TestCerts.clientLeaf("cell-17.cells.example", ROOT);
    assertFalse(
        CertNameMatcher.matches(
            role(List.of(), List.of("*.cells.example"), List.of()), leaf.cert()));
  }

  @Test
  void matches_organizationalUnit_onlyAllowedOne() {
    CertRole r = role(List.of(), List.of(), List.of("cells"));
    assertTrue(CertNameMatcher.matches(r, TestCerts.issue(new Spec("a").ou("cells"), ROOT).cert()));
    assertFalse(CertNameMatcher.matches(r, TestCerts.issue(new Spec("a").ou("ops"), ROOT).cert()));
  }

  private static CertRole role(List<String> cns, List<String> dns, List<String> ous) {
    return new CertRole(
        "cells", ROOT.certPem(), cns, dns, List.of(), List.of(), ous, "", List.of(), 0, 0);
  }
}
