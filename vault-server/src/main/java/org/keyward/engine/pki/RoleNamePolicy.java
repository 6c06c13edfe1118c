package org.keyward.engine.pki;

import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;
import org.keyward.http.ApiError;

/**
 * Decides whether a role allows every name of a request, before anything is signed: DNS names must
 * be an allowed domain itself ({@code allow_bare_domains}) or under one ({@code allow_subdomains}),
 * {@code localhost} needs {@code allow_localhost}, IP SANs need {@code allow_ip_sans}. The first
 * refused name fails the request with a 400 naming it, as Vault does.
 */
final class RoleNamePolicy {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private RoleNamePolicy() {}

  static void check(PkiRole role, RequestedNames names) {
    String cn = names.commonName();
    boolean cnIsIp = IPAddress.isValid(cn);
    if (!cnIsIp && !allowsDnsName(role, cn) || cnIsIp && !role.allowIpSans()) {
      throw ApiError.badRequest("common name " + cn + " not allowed by this role");
    }
    for (String dns : names.dnsNames()) {
      if (!allowsDnsName(role, dns)) {
        throw ApiError.badRequest("subject alternate name " + dns + " not allowed by this role");
      }
    }
    if (!role.allowIpSans() && !names.ipAddresses().isEmpty()) {
      throw ApiError.badRequest(
          "IP Subject Alternative Names are not allowed in this role, but was provided "
              + names.ipAddresses().get(0));
    }
  }

  static boolean allowsDnsName(PkiRole role, String name) {
    String dns = name.toLowerCase(Locale.ROOT);
    if (role.enforceHostnames() && !isHostname(dns)) {
      return false;
    }
    if (dns.equals("localhost") || dns.equals("localhost.localdomain")) {
      return role.allowLocalhost();
    }
    if (role.allowAnyName()) {
      return true;
    }
    for (String domain : role.allowedDomains()) {
      String allowed = domain.toLowerCase(Locale.ROOT);
      if (dns.equals(allowed) && role.allowBareDomains()) {
        return true;
      }
      if (role.allowSubdomains() && dns.endsWith("." + allowed)) {
        return true;
      }
    }
    return false;
  }

  /** An RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
  static boolean isHostname(String name) {
    if (name.isEmpty() || name.length() > 253 || name.endsWith(".")) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }
}
