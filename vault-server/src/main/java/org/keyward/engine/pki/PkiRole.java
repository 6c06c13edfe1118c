package org.keyward.engine.pki;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;

/**
 * A role under {@code roles/<name>}: which names a certificate may carry, its key and lifetime, and
 * its extended key usages. Field names, defaults and JSON are Vault's, except that a role without
 * {@code key_type} is {@code any}: {@code issue} makes EC P-256 keys (Vault: RSA-2048) and {@code
 * sign} takes any key of the minimum strength. Validated on construction; durations in seconds.
 */
record PkiRole(
    List<String> allowedDomains,
    boolean allowSubdomains,
    boolean allowBareDomains,
    boolean allowLocalhost,
    boolean allowAnyName,
    boolean allowIpSans,
    boolean enforceHostnames,
    boolean serverFlag,
    boolean clientFlag,
    String keyType,
    int keyBits,
    long ttl,
    long maxTtl,
    List<String> extKeyUsage,
    List<String> organization,
    List<String> ou) {
  /** Vault's system default and maximum lease TTL (32 days), used when a role sets none. */
  static final long DEFAULT_MAX_TTL = 768 * 3600L;

  PkiRole {
    allowedDomains = List.copyOf(allowedDomains);
    extKeyUsage = List.copyOf(extKeyUsage);
    organization = List.copyOf(organization);
    ou = List.copyOf(ou);
    for (String domain : allowedDomains) {
      if (domain.isEmpty() || domain.contains("*") || domain.startsWith(".")) {
        throw ApiError.badRequest("allowed_domains entry '" + domain + "' is not a domain name");
      }
    }
    if (!keyType.equals("any")) {
      CaKeyType.of(keyType, keyBits);
    }
    if (maxTtl == 0) {
      maxTtl = DEFAULT_MAX_TTL;
    }
    if (ttl > maxTtl) {
      throw ApiError.badRequest("ttl cannot be larger than max_ttl");
    }
    for (String usage : extKeyUsage) {
      extendedKeyUsage(usage);
    }
  }

  /** Reads a role from a request body or from storage (the same JSON); 400 naming a bad field. */
  static PkiRole from(JsonObject body) {
    // No key_type: issue makes EC P-256, sign takes any strong key (Vault's default role takes
    // RSA-2048 CSRs, and Vault clients that sign their own CSRs rely on that).
    String keyType = Fields.string(body, "key_type", "any").toLowerCase(Locale.ROOT);
    long bits = Fields.integer(body, "key_bits", 0);
    if (!keyType.equals("any")) {
      bits = CaKeyType.of(keyType, bits).bits();
    }
    return new PkiRole(
        Fields.stringList(body, "allowed_domains"),
        Fields.bool(body, "allow_subdomains", false),
        Fields.bool(body, "allow_bare_domains", false),
        Fields.bool(body, "allow_localhost", true),
        Fields.bool(body, "allow_any_name", false),
        Fields.bool(body, "allow_ip_sans", true),
        Fields.bool(body, "enforce_hostnames", true),
        Fields.bool(body, "server_flag", true),
        Fields.bool(body, "client_flag", true),
        keyType,
        (int) bits,
        Fields.durationSeconds(body, "ttl", 0),
        Fields.durationSeconds(body, "max_ttl", 0),
        Fields.stringList(body, "ext_key_usage"),
        Fields.stringList(body, "organization"),
        Fields.stringList(body, "ou"));
  }

  /** The role as Vault reads it back (durations as int seconds). */
  JsonObject toJson() {
    return new JsonObject()
        .put("allowed_domains", new JsonArray(allowedDomains))
        .put("allow_subdomains", allowSubdomains)
        .put("allow_bare_domains", allowBareDomains)
        .put("allow_localhost", allowLocalhost)
        .put("allow_any_name", allowAnyName)
        .put("allow_ip_sans", allowIpSans)
        .put("enforce_hostnames", enforceHostnames)
        .put("server_flag", serverFlag)
        .put("client_flag", clientFlag)
        .put("key_type", keyType)
        .put("key_bits", keyBits)
        .put("ttl", ttl)
        .put("max_ttl", maxTtl)
        .put("ext_key_usage", new JsonArray(extKeyUsage))
        .put("organization", new JsonArray(organization))
        .put("ou", new JsonArray(ou));
  }

  /** The TTL a request gets when it asks for none: the role's, else the default capped by max. */
  long defaultTtl() {
    return ttl > 0 ? ttl : Math.min(DEFAULT_MAX_TTL, maxTtl);
  }

  /** The key type {@code issue} generates; a role of type {@code any} gets EC P-256. */
  CaKeyType issuedKeyType() {
    return keyType.equals("any") ? CaKeyType.EC_P256 : CaKeyType.of(keyType, keyBits);
  }

  /** Every extended key usage the role grants: the flags plus {@code ext_key_usage}. */
  List<KeyPurposeId> keyPurposes() {
    LinkedHashSet<KeyPurposeId> out = new LinkedHashSet<>();
    if (serverFlag) {
      out.add(KeyPurposeId.id_kp_serverAuth);
    }
    if (clientFlag) {
      out.add(KeyPurposeId.id_kp_clientAuth);
    }
    for (String usage : extKeyUsage) {
      out.add(extendedKeyUsage(usage));
    }
    return List.copyOf(out);
  }

  /** Vault's Go names ({@code ServerAuth}, {@code ExtKeyUsageClientAuth}, any case). */
  private static KeyPurposeId extendedKeyUsage(String name) {
    String key = name.toLowerCase(Locale.ROOT).replaceFirst("^extkeyusage", "");
    switch (key) {
      case "serverauth":
        return KeyPurposeId.id_kp_serverAuth;
      case "clientauth":
        return KeyPurposeId.id_kp_clientAuth;
      case "codesigning":
        return KeyPurposeId.id_kp_codeSigning;
      case "emailprotection":
        return KeyPurposeId.id_kp_emailProtection;
      case "timestamping":
        return KeyPurposeId.id_kp_timeStamping;
      case "ocspsigning":
        return KeyPurposeId.id_kp_OCSPSigning;
      default:
        throw ApiError.badRequest("unknown ext_key_usage '" + name + "'");
    }
  }
}
