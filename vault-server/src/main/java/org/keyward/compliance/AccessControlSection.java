package org.keyward.compliance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.TokenEntry;
import org.keyward.auth.TokenStore;

/**
 * Art. 21(2)(i), access control: every policy and the login roles that grant it, outstanding root
 * tokens, tokens without a TTL, orphan tokens and login lockouts of the last 30 days. Tokens appear
 * by accessor only, never by id.
 */
public final class AccessControlSection implements ReportSection {
  /**
   * A login method whose roles or users grant policies: its mount type, the facts array listing
   * them (each with {@code name} and {@code policies}) and how the report names one.
   */
  record Granting(String type, String factsKey, String label) {}

  static final List<Granting> GRANTING =
      List.of(
          new Granting("approle", "roles", "approle role"),
          new Granting("cert", "roles", "cert role"),
          new Granting("userpass", "users", "userpass user"));

  private final Supplier<List<String>> policyNames;
  private final MountFacts logins;
  private final TokenStore tokens;
  private final LoginLockout lockout;

  public AccessControlSection(
      Supplier<List<String>> policyNames,
      MountFacts logins,
      TokenStore tokens,
      LoginLockout lockout) {
    this.policyNames = policyNames;
    this.logins = logins;
    this.tokens = tokens;
    this.lockout = lockout;
  }

  @Override
  public Future<Section> build(Input in) {
    List<Future<List<MountFacts.Mounted>>> roleFacts = new ArrayList<>();
    GRANTING.forEach(g -> roleFacts.add(logins.of(g.type())));
    Future<List<TokenEntry>> entries = tokens.entries();
    List<Future<?>> all = new ArrayList<>(roleFacts);
    all.add(entries);
    return Future.all(all).map(done -> section(in, roleFacts, entries.result()));
  }

  private Section section(
      Input in, List<Future<List<MountFacts.Mounted>>> roleFacts, List<TokenEntry> entries) {
    KeyPolicy p = in.policy();
    long now = in.now().getEpochSecond();
    Map<String, JsonArray> grantedBy = new TreeMap<>();
    policyNames.get().forEach(n -> grantedBy.put(n, new JsonArray()));
    JsonArray users = new JsonArray();
    for (int i = 0; i < GRANTING.size(); i++) {
      Granting g = GRANTING.get(i);
      for (MountFacts.Mounted m : roleFacts.get(i).result()) {
        for (Object o : m.facts().getJsonArray(g.factsKey(), new JsonArray())) {
          JsonObject grantee = (JsonObject) o;
          String name = m.path() + grantee.getString("name");
          if (g.factsKey().equals("users")) {
            users.add(name);
          }
          for (Object policy : grantee.getJsonArray("policies", new JsonArray())) {
            grantedBy
                .computeIfAbsent((String) policy, k -> new JsonArray())
                .add(g.label() + " " + name);
          }
        }
      }
    }
    JsonArray policies = new JsonArray();
    grantedBy.forEach(
        (name, by) -> policies.add(new JsonObject().put("name", name).put("granted_by", by)));

    List<Finding> findings = new ArrayList<>();
    JsonArray roots = new JsonArray();
    JsonArray withoutTtl = new JsonArray();
    int orphans = 0;
    for (TokenEntry t : entries) {
      if (t.expiredAt(now)) {
        continue;
      }
      if (t.orphan() || t.parentAccessor().isEmpty()) {
        orphans++;
      }
      if (t.isRoot()) {
        long ageHours = Duration.ofSeconds(Math.max(0, now - t.creationTime())).toHours();
        roots.add(
            new JsonObject()
                .put("accessor", t.accessor())
                .put("created_at", Instant.ofEpochSecond(t.creationTime()).toString())
                .put("age_hours", ageHours));
        String item = "root token " + t.accessor();
        if (ageHours >= p.rootTokenMaxAgeHours()) {
          findings.add(
              new Finding(
                  "root_token",
                  item,
                  Status.FAILING,
                  "outstanding root token "
                      + ageHours
                      + " hours old, over the maximum of "
                      + p.rootTokenMaxAgeHours()
                      + "; revoke it"));
        } else {
          findings.add(
              new Finding(
                  "root_token",
                  item,
                  Status.WARNING,
                  "outstanding root token, " + ageHours + " hours old; revoke it after use"));
        }
      } else if (t.expireTime() == 0) {
        withoutTtl.add(t.accessor());
        findings.add(
            new Finding(
                "token_without_ttl",
                "token " + t.accessor(),
                p.tokensRequireTtl() ? Status.FAILING : Status.WARNING,
                "token " + t.accessor() + " (" + t.path() + ") never expires"));
      }
    }
    Instant monthAgo = in.now().minus(Duration.ofDays(30));
    JsonObject facts =
        new JsonObject()
            .put("policies", policies)
            .put("users", users)
            .put("root_tokens", roots)
            .put("tokens_without_ttl", withoutTtl)
            .put("orphan_tokens", orphans)
            .put("login_lockouts_30d", lockout.lockoutsSince(monthAgo));
    JsonObject policy =
        new JsonObject()
            .put("root_token_max_age_hours", p.rootTokenMaxAgeHours())
            .put("tokens_require_ttl", p.tokensRequireTtl());
    return new Section(
        "access_control", "Access control", "Art. 21(2)(i)", facts, policy, findings);
  }
}
