package org.keyward.auth;

import java.util.ArrayList;
import java.util.List;
import org.keyward.http.ApiError;

/**
 * What a parent token may hand out, as Vault's token store decides it: policies default to the
 * parent's, a non-root parent may give only a subset of its own and may not create orphans, {@code
 * default} is added unless asked not to, and a child never outlives its parent or the system
 * maximum TTL. Pure; fails with a 400 {@link ApiError}.
 */
final class ChildTokenRules {
  private ChildTokenRules() {}

  /**
   * The entry for a new child; {@code hash} and {@code accessor} name the fresh token. {@code
   * orphanPath} is true on {@code create-orphan}, whose ACL already decided who may make orphans.
   */
  static TokenEntry child(
      CreateTokenRequest req,
      TokenEntry parent,
      boolean orphanPath,
      long now,
      String hash,
      String accessor) {
    boolean parentIsRoot = parent.isRoot();
    if (req.noParent() && !parentIsRoot && !orphanPath) {
      throw ApiError.badRequest("root privileges required to create orphan token");
    }
    List<String> policies =
        new ArrayList<>(req.policies().isEmpty() ? parent.policies() : req.policies());
    if (!parentIsRoot) {
      for (String p : policies) {
        if (!p.equals("default") && !parent.policies().contains(p)) {
          throw ApiError.badRequest("child policies must be subset of parent");
        }
      }
    }
    if (!req.noDefaultPolicy() && !policies.contains("root") && !policies.contains("default")) {
      policies.add("default");
    }
    long ttl =
        Math.min(
            req.ttl() > 0 ? req.ttl() : TokenStore.MAX_TTL_SECONDS, TokenStore.MAX_TTL_SECONDS);
    if (req.explicitMaxTtl() > 0) {
      ttl = Math.min(ttl, req.explicitMaxTtl());
    }
    boolean orphan = req.noParent();
    long expire =
        !orphan && parent.expireTime() != 0 ? Math.min(now + ttl, parent.expireTime()) : now + ttl;
    return new TokenEntry(
        hash,
        accessor,
        policies.stream().sorted().distinct().toList(),
        req.displayName().isEmpty() ? "token" : "token-" + req.displayName(),
        "auth/token/create",
        req.meta(),
        now,
        expire - now,
        expire,
        req.explicitMaxTtl(),
        req.numUses(),
        req.renewable(),
        orphan,
        orphan ? "" : parent.accessor(),
        "service",
        // A child acts for the same person or machine as its parent, as in Vault.
        parent.entityId());
  }

  /**
   * The expiry after renewing {@code entry} by {@code increment} seconds (0: its original TTL) at
   * {@code now}: never past its explicit max TTL or the system maximum, both counted from creation.
   */
  static long renewedExpiry(TokenEntry entry, long increment, long now) {
    long wanted = now + (increment > 0 ? increment : entry.creationTtl());
    long cap = entry.creationTime() + TokenStore.MAX_TTL_SECONDS;
    if (entry.explicitMaxTtl() > 0) {
      cap = Math.min(cap, entry.creationTime() + entry.explicitMaxTtl());
    }
    return Math.min(wanted, cap);
  }
}
