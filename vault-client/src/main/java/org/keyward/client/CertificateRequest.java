package org.keyward.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The names and lifetime asked of a PKI role: common name, DNS alt names, IP SANs and TTL (empty:
 * the role's). The role decides what is allowed.
 */
public record CertificateRequest(
    String commonName, List<String> altNames, List<String> ipSans, Optional<Duration> ttl) {
  public CertificateRequest {
    if (commonName == null || commonName.isBlank()) {
      throw new IllegalArgumentException("common name is required");
    }
    altNames = List.copyOf(altNames);
    ipSans = List.copyOf(ipSans);
  }

  public static CertificateRequest forName(String commonName) {
    return new CertificateRequest(commonName, List.of(), List.of(), Optional.empty());
  }

  public CertificateRequest altNames(String... names) {
    return new CertificateRequest(commonName, List.of(names), ipSans, ttl);
  }

  public CertificateRequest ipSans(String... ips) {
    return new CertificateRequest(commonName, altNames, List.of(ips), ttl);
  }

  public CertificateRequest ttl(Duration ttl) {
    return new CertificateRequest(commonName, altNames, ipSans, Optional.of(ttl));
  }

  ObjectNode toJson(ObjectMapper json) {
    ObjectNode body = json.createObjectNode().put("common_name", commonName);
    if (!altNames.isEmpty()) {
      body.put("alt_names", String.join(",", altNames));
    }
    if (!ipSans.isEmpty()) {
      body.put("ip_sans", String.join(",", ipSans));
    }
    ttl.ifPresent(t -> body.put("ttl", t.toSeconds() + "s"));
    return body;
  }
}
