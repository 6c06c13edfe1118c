package org.keyward.auth.cert;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Checks a leaf's names against a role's allowed lists, as Vault does: an empty list allows any
 * value; a non-empty list needs a match by a glob ({@code *} for any run of characters, nothing
 * else special). DNS and email names compare case-insensitively, common names, URIs and OUs
 * exactly. A leaf with several common names must match with every one of them, so an extra CN
 * cannot smuggle an allowed name in; SANs and OUs need one match (a host has many names).
 */
final class CertNameMatcher {
  private static final int SAN_EMAIL = 1;
  private static final int SAN_DNS = 2;
  private static final int SAN_URI = 6;

  private CertNameMatcher() {}

  static boolean matches(CertRole role, X509Certificate leaf) {
    List<String> cns = LeafIdentity.rdnValues(leaf, BCStyle.CN);
    if (!role.allowedCommonNames().isEmpty()
        && (cns.isEmpty()
            || !cns.stream().allMatch(cn -> anyGlob(role.allowedCommonNames(), cn, false)))) {
      return false;
    }
    List<String> ous = LeafIdentity.rdnValues(leaf, BCStyle.OU);
    return anyValue(role.allowedOrganizationalUnits(), ous, false)
        && anyValue(role.allowedDnsSans(), sans(leaf, SAN_DNS), true)
        && anyValue(role.allowedEmailSans(), sans(leaf, SAN_EMAIL), true)
        && anyValue(role.allowedUriSans(), sans(leaf, SAN_URI), false);
  }

  private static boolean anyValue(List<String> globs, List<String> values, boolean ignoreCase) {
    if (globs.isEmpty()) {
      return true;
    }
    return values.stream().anyMatch(v -> anyGlob(globs, v, ignoreCase));
  }

  private static boolean anyGlob(List<String> globs, String value, boolean ignoreCase) {
    return globs.stream().anyMatch(g -> glob(g, value, ignoreCase));
  }

  /** {@code *} matches any run of characters, including none; every other character itself. */
  static boolean glob(String pattern, String value, boolean ignoreCase) {
    String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    String[] parts = p.split("\\*", -1);
    if (parts.length == 1) {
      return p.equals(v);
    }
    if (!v.startsWith(parts[0])) {
      return false;
    }
    int at = parts[0].length();
    for (int i = 1; i < parts.length - 1; i++) {
      int found = v.indexOf(parts[i], at);
      if (found < 0) {
        return false;
      }
      at = found + parts[i].length();
    }
    String last = parts[parts.length - 1];
    return v.length() - at >= last.length() && v.endsWith(last);
  }

  private static List<String> sans(X509Certificate leaf, int type) {
    List<String> out = new ArrayList<>();
    try {
      var all = leaf.getSubjectAlternativeNames();
      if (all == null) {
        return out;
      }
      for (List<?> san : all) {
        if (san.size() >= 2
            && Integer.valueOf(type).equals(san.get(0))
            && san.get(1) instanceof String s) {
          out.add(s);
        }
      }
    } catch (CertificateParsingException e) {
      return List.of();
    }
    return out;
  }
}
