package org.keyward.engine.pki;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.util.IPAddress;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;

/**
 * The names a certificate asks for: a common name plus DNS and IP SANs. By default the common name
 * is also a SAN (DNS, or IP if it is an address), as Vault does unless {@code
 * exclude_cn_from_sans}. Names are lowercased; IP addresses are checked as literals (never
 * resolved).
 */
record RequestedNames(String commonName, List<String> dnsNames, List<String> ipAddresses) {
  RequestedNames {
    if (commonName == null || commonName.isEmpty()) {
      throw ApiError.badRequest("missing required field 'common_name'");
    }
    commonName = commonName.toLowerCase(Locale.ROOT);
    LinkedHashSet<String> dns = new LinkedHashSet<>();
    dnsNames.forEach(name -> dns.add(name.toLowerCase(Locale.ROOT)));
    dnsNames = List.copyOf(dns);
    ipAddresses = List.copyOf(new LinkedHashSet<>(validIps(ipAddresses)));
  }

  /** The names of a request: {@code cn}, then the SANs; the CN joins them unless excluded. */
  static RequestedNames of(
      String commonName, List<String> dnsNames, List<String> ipAddresses, boolean excludeCn) {
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    if (!excludeCn && commonName != null) {
      (IPAddress.isValid(commonName) ? ips : dns).add(commonName);
    }
    dns.addAll(dnsNames);
    ips.addAll(ipAddresses);
    return new RequestedNames(commonName, dns, ips);
  }

  /**
   * The SAN fields of an {@code issue} or {@code sign} body. URI and other SANs, user IDs and
   * {@code not_after} are refused rather than silently dropped.
   */
  static RequestedNames fromBody(
      JsonObject body, String commonName, List<String> extraDns, List<String> extraIps) {
    for (String unsupported : List.of("uri_sans", "other_sans", "user_ids", "not_after")) {
      if (!Fields.string(body, unsupported, "").isEmpty()) {
        throw ApiError.badRequest("field '" + unsupported + "' is not supported");
      }
    }
    List<String> dns = new ArrayList<>(Fields.stringList(body, "alt_names"));
    dns.addAll(extraDns);
    List<String> ips = new ArrayList<>(Fields.stringList(body, "ip_sans"));
    ips.addAll(extraIps);
    return of(commonName, dns, ips, Fields.bool(body, "exclude_cn_from_sans", false));
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
}
