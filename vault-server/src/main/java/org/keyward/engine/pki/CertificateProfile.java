package org.keyward.engine.pki;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.keyward.http.ApiError;

/**
 * What one certificate will say, decided before it is built: subject, SANs, validity, whether it is
 * a CA (and its path length) and its extended key usages. Validity follows RFC 5280 and Vault:
 * notBefore is backdated 30 s for clock skew; notAfter is the requested TTL (or the role's), never
 * past the role's {@code max_ttl} (asking for more is a 400) nor the issuer's notAfter (clamped).
 *
 * @param pathLength the CA's path length constraint, -1 for none; ignored for leaves
 */
record CertificateProfile(
    X500Name subject,
    List<String> dnsNames,
    List<String> ipAddresses,
    Instant notBefore,
    Instant notAfter,
    boolean ca,
    int pathLength,
    List<KeyPurposeId> keyPurposes) {
  static final Duration BACKDATE = Duration.ofSeconds(30);

  CertificateProfile {
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    keyPurposes = List.copyOf(keyPurposes);
    if (!notAfter.isAfter(notBefore)) {
      throw ApiError.badRequest("the certificate would expire before it becomes valid");
    }
  }

  /** A leaf for {@code role}; {@code requestedTtl} 0 means the role's default. */
  static CertificateProfile leaf(
      PkiRole role, RequestedNames names, long requestedTtl, Instant now, Instant issuerNotAfter) {
    if (requestedTtl > role.maxTtl()) {
      throw ApiError.badRequest(
          "ttl of "
              + requestedTtl
              + "s is longer than the role's max_ttl of "
              + role.maxTtl()
              + "s");
    }
    long ttl = requestedTtl > 0 ? requestedTtl : role.defaultTtl();
    return new CertificateProfile(
        subject(names.commonName(), role.organization(), role.ou(), List.of()),
        names.dnsNames(),
        names.ipAddresses(),
        now.minus(BACKDATE),
        earliest(now.plusSeconds(ttl), issuerNotAfter),
        false,
        -1,
        role.keyPurposes());
  }

  /** A CA certificate; {@code issuerNotAfter} null for a self-signed root. */
  static CertificateProfile authority(
      X500Name subject,
      List<String> dnsNames,
      List<String> ipAddresses,
      long ttl,
      int pathLength,
      Instant now,
      Instant issuerNotAfter) {
    Instant wanted = now.plusSeconds(ttl);
    return new CertificateProfile(
        subject,
        dnsNames,
        ipAddresses,
        now.minus(BACKDATE),
        issuerNotAfter == null ? wanted : earliest(wanted, issuerNotAfter),
        true,
        pathLength,
        List.of());
  }

  /** A subject DN with CN and the optional O, OU and C of Vault's subject fields. */
  static X500Name subject(
      String commonName, List<String> organization, List<String> ou, List<String> country) {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    country.forEach(c -> builder.addRDN(BCStyle.C, c));
    organization.forEach(o -> builder.addRDN(BCStyle.O, o));
    ou.forEach(u -> builder.addRDN(BCStyle.OU, u));
    builder.addRDN(BCStyle.CN, commonName);
    return builder.build();
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
