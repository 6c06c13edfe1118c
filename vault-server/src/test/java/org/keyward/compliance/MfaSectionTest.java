package org.keyward.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class MfaSectionTest {
  private static JsonObject account(String mount, String name, List<String> by, boolean enrolled) {
    return new JsonObject()
        .put("mount", mount)
        .put("type", "userpass")
        .put("name", name)
        .put("enforcements", new JsonArray(by))
        .put("enrolled", enrolled);
  }

  private static JsonObject facts(JsonObject... accounts) {
    return new JsonObject()
        .put(
            "human_login_methods",
            new JsonArray().add(new JsonObject().put("path", "people/").put("type", "userpass")))
        .put("enforcements", new JsonArray().add("all"))
        .put("accounts", new JsonArray(List.of((Object[]) accounts)));
  }

  @Test
  void everyAccountCoveredAndEnrolled_isOk() {
    Section s =
        MfaSection.section(
            facts(
                account("people/", "a", List.of("all"), true),
                account("people/", "b", List.of("all"), true)));

    assertEquals(Status.OK, s.status());
    assertEquals(100, s.facts().getInteger("share_under_mfa_percent"));
    assertEquals(2, s.facts().getInteger("accounts_under_mfa"));
  }

  @Test
  void passwordOnlyAccount_fails_andCoveredWithoutKey_warns() {
    Section s =
        MfaSection.section(
            facts(
                account("people/", "a", List.of("all"), true),
                account("people/", "b", List.of("all"), false),
                account("people/", "c", List.of(), false)));

    assertEquals(Status.FAILING, s.status());
    assertEquals(66, s.facts().getInteger("share_under_mfa_percent"));
    assertEquals(
        List.of(
            "account people/b warning", "account people/c failing", "human_login accounts failing"),
        s.findings().stream()
            .map(f -> f.kind() + " " + f.item() + " " + f.status().wire())
            .sorted()
            .toList());
  }

  @Test
  void noHumanLoginMethod_isOkAndSaysSo() {
    Section s = MfaSection.section(new JsonObject());

    assertEquals(Status.OK, s.status());
    assertEquals(0, s.facts().getInteger("accounts"));
    assertEquals("methods", s.findings().get(0).item());
  }
}
