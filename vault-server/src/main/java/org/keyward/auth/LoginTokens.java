package org.keyward.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The token entry a successful login gets, as Vault's login handling shapes it: an orphan service
 * token carrying the login path and metadata, the granted policies plus {@code default}, the role's
 * TTL (the system default when it names none) never beyond its max TTL, and the role's use count.
 * The role's max TTL becomes the token's explicit max TTL, so renewals stop there. Pure.
 */
final class LoginTokens {
  private LoginTokens() {}

  static TokenEntry entry(
      TokenGrant grant, String displayName, long now, String hash, String accessor) {
    List<String> policies = new ArrayList<>();
    for (String p : grant.policies()) {
      policies.add(p.strip().toLowerCase(Locale.ROOT));
    }
    if (!policies.contains("root") && !policies.contains("default")) {
      policies.add("default");
    }
    long ttl = grant.ttlSeconds() > 0 ? grant.ttlSeconds() : TokenStore.MAX_TTL_SECONDS;
    ttl = Math.min(ttl, TokenStore.MAX_TTL_SECONDS);
    if (grant.maxTtlSeconds() > 0) {
      ttl = Math.min(ttl, grant.maxTtlSeconds());
    }
    return new TokenEntry(
        hash,
        accessor,
        policies.stream().sorted().distinct().toList(),
        displayName,
        grant.authPath(),
        grant.metadata(),
        now,
        ttl,
        now + ttl,
        grant.maxTtlSeconds(),
        grant.numUses(),
        grant.renewable(),
        true,
        "",
        "service",
        grant.entityId());
  }

  /**
   * {@code grant} with the mount's TTLs applied: its default where the role names no TTL, and its
   * maximum as a cap on the role's (the smaller wins).
   */
  static TokenGrant withMountTtls(TokenGrant grant, TokenStoreLoginIssuer.MountTtls mount) {
    long ttl = grant.ttlSeconds() > 0 ? grant.ttlSeconds() : mount.defaultTtl();
    long max = grant.maxTtlSeconds();
    if (mount.maxTtl() > 0) {
      max = max > 0 ? Math.min(max, mount.maxTtl()) : mount.maxTtl();
    }
    return new TokenGrant(
        grant.authPath(),
        grant.displayName(),
        grant.policies(),
        grant.metadata(),
        ttl,
        max,
        grant.numUses(),
        grant.renewable(),
        grant.entityId());
  }

  /**
   * Vault's display name for a login: the mount path below {@code auth/} with slashes as dashes,
   * then the method's own name, e.g. {@code approle} or {@code cert-cells}.
   */
  static String displayName(TokenGrant grant) {
    String path = grant.authPath();
    String mount = path.startsWith("auth/") ? path.substring("auth/".length()) : path;
    int login = mount.lastIndexOf('/');
    String source = (login < 0 ? "" : mount.substring(0, login + 1)).replace('/', '-');
    String name = source + grant.displayName();
    return name.endsWith("-") ? name.substring(0, name.length() - 1) : name;
  }
}
