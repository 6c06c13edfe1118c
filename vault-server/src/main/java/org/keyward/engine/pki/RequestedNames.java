package org.keyward.engine.pki;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.util.IPAddress;
import org.keyward.http.ApiError;

/**
 * The names a certificate request asks for: a common name, DNS names and IP addresses. The common
 * name is also a DNS SAN (or an IP SAN if it is an address), as Vault does by default. Names are
 * lowercased; IP addresses are checked as literals (never resolved).
 */
record RequestedNames(String commonName, List<String> dnsNames, List<String> ipAddresses) {
  RequestedNames {
    commonName = commonName.toLowerCase(Locale.ROOT);
    LinkedHashSet<String> dns = new LinkedHashSet<>();
    LinkedHashSet<String> ips = new LinkedHashSet<>();
    if (IPAddress.isValid(commonName)) {
      ips.add(commonName);
    } else {
      dns.add(commonName);
    }
    for (String name : dnsNames) {
      dns.add(name.toLowerCase(Locale.ROOT));
    }
    ips.addAll(validIps(ipAddresses));
    dnsNames = List.copyOf(dns);
    ipAddresses = List.copyOf(ips);
  }

  /** The names in a request body's {@code common_name}, {@code alt_names}, {@code ip_sans}. */
  static RequestedNames of(String commonName, List<String> altNames, List<String> ipSans) {
    if (commonName == null || commonName.isEmpty()) {
      throw ApiError.badRequest("missing required field 'common_name'");
    }
    return new RequestedNames(commonName, altNames, ipSans);
  }

  /** {@code ips} if every entry is an IP literal; 400 naming the first that is not. */
  static List<String> validIps(List<String> ips) {
    for (String ip : ips) {
      if (!IPAddress.isValid(ip)) {
        throw ApiError.badRequest("ip_sans entry '" + ip + "' is not an IP address");
      }
    }
    return List.copyOf(ips);
  }

  /** These names plus {@code other}'s SANs (a CSR's and the request's, merged). */
  RequestedNames plus(List<String> moreDns, List<String> moreIps) {
    List<String> dns = new ArrayList<>(dnsNames);
    dns.addAll(moreDns);
    List<String> ips = new ArrayList<>(ipAddresses);
    ips.addAll(moreIps);
    return new RequestedNames(commonName, dns, ips);
  }
}
