package org.keyward.compliance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Art. 21(2)(j), multi-factor authentication: the human login methods (userpass mounts; AppRole and
 * certificates are machine logins), each account on them, the login MFA enforcements that cover it
 * and whether it holds a TOTP key, and the share of accounts under MFA. An account a login can pass
 * with a password alone is failing; one covered but without a TOTP key cannot finish a login yet
 * and is a warning.
 */
public final class MfaSection implements ReportSection {
  /** The mount types people log in with. */
  public static final List<String> HUMAN_LOGIN_TYPES = List.of("userpass");

  private final Supplier<Future<JsonObject>> facts;

  /**
   * @param facts {@code {"human_login_methods": [{"path", "type"}], "enforcements": [names],
   *     "accounts": [{"mount", "type", "name", "enforcements": [names], "enrolled"}]}}
   */
  public MfaSection(Supplier<Future<JsonObject>> facts) {
    this.facts = facts;
  }

  @Override
  public Future<Section> build(Input in) {
    return facts.get().map(MfaSection::section);
  }

  static Section section(JsonObject raw) {
    JsonArray accounts = raw.getJsonArray("accounts", new JsonArray());
    List<Finding> findings = new ArrayList<>();
    int covered = 0;
    for (Object o : accounts) {
      JsonObject a = (JsonObject) o;
      String item = a.getString("mount") + a.getString("name");
      JsonArray by = a.getJsonArray("enforcements", new JsonArray());
      if (by.isEmpty()) {
        findings.add(
            new Finding(
                "account",
                item,
                Status.FAILING,
                "logs in with a password alone: no MFA enforcement"));
        continue;
      }
      covered++;
      if (!a.getBoolean("enrolled", false)) {
        findings.add(
            new Finding(
                "account",
                item,
                Status.WARNING,
                "covered by "
                    + String.join(", ", by.getList())
                    + " but holds no TOTP key, so it cannot finish a login"));
      }
    }
    int total = accounts.size();
    JsonArray methods = raw.getJsonArray("human_login_methods", new JsonArray());
    if (methods.isEmpty()) {
      findings.add(
          new Finding(
              "human_login",
              "methods",
              Status.OK,
              "no human login method is mounted; people log in with tokens"));
    } else {
      findings.add(
          new Finding(
              "human_login",
              "accounts",
              covered == total ? Status.OK : Status.FAILING,
              covered + " of " + total + " accounts are under an MFA enforcement"));
    }
    JsonObject out =
        new JsonObject()
            .put("human_login_methods", methods)
            .put("enforcements", raw.getJsonArray("enforcements", new JsonArray()))
            .put("accounts", total)
            .put("accounts_under_mfa", covered)
            // Whole percent, rounded down: the signed report admits no fractions.
            .put("share_under_mfa_percent", total == 0 ? 100 : covered * 100 / total)
            .put("account_details", accounts);
    return new Section(
        "mfa",
        "Multi-factor authentication",
        "Art. 21(2)(j)",
        out,
        new JsonObject().put("mfa_required_for_human_logins", true),
        findings);
  }
}
