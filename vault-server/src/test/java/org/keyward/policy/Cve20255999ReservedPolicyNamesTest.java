package org.keyward.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keyward.http.ApiError;

/**
 * CVE-2025-5999 (HCSEC-2025-13, OpenBao CVE-2025-54996): Vault normalised policy names after its
 * {@code root} check, so {@code " root"} or {@code "ROOT"} escalated to root. Every case and
 * whitespace spelling of a reserved name must reach the check as that reserved name or be refused
 * (a non-breaking space is not trimmed, and no valid name holds one), and a look-alike that is not
 * ASCII must be refused, never stored as a name of its own.
 */
class Cve20255999ReservedPolicyNamesTest {
  private static final List<String> WHITESPACE =
      List.of("", " ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u3000");

  private static List<String> spellings(String name) {
    List<String> out = new ArrayList<>();
    for (int mask = 0; mask < (1 << name.length()); mask++) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        s.append((mask & (1 << i)) != 0 ? Character.toUpperCase(c) : c);
      }
      for (String before : WHITESPACE) {
        for (String after : WHITESPACE) {
          out.add(before + s + after);
        }
      }
    }
    return out;
  }

  /** The reserved name itself, or a 400; never a different, storable name. */
  private static void assertReservedOrRefused(String spelling, PolicyName reserved) {
    PolicyName name;
    try {
      name = PolicyName.canonical(spelling);
    } catch (ApiError e) {
      assertEquals(400, e.status());
      return;
    }
    assertEquals(reserved, name, "'" + spelling + "'");
  }

  @Test
  void canonical_everySpellingOfRoot_isRootOrRefused() {
    for (String spelling : spellings("root")) {
      assertReservedOrRefused(spelling, PolicyName.ROOT);
    }
    assertTrue(PolicyName.canonical(" ROOT\t").isRoot());
  }

  @Test
  void canonical_everySpellingOfDefault_isDefaultOrRefused() {
    for (String spelling : spellings("default")) {
      assertReservedOrRefused(spelling, PolicyName.DEFAULT);
    }
  }

  @Test
  void canonical_lookAlikesOfRoot_areRefused() {
    // Cyrillic o, dotless i forms, zero-width and full-width letters, an inner space.
    for (String lookAlike :
        List.of(
            "r\u043e\u043et", "ro\u200bot", "\uff52\uff4f\uff4f\uff54", "ro ot", "root\u0000")) {
      ApiError e = assertThrows(ApiError.class, () -> PolicyName.canonical(lookAlike), lookAlike);
      assertEquals(400, e.status());
    }
  }
}
