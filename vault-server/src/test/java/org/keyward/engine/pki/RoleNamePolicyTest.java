package org.keyward.engine.pki;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keyward.http.ApiError;

class RoleNamePolicyTest {
  @Test
  void allowsDnsName_subdomainWithSubdomainsAllowed_isAllowed() {
    assertTrue(RoleNamePolicy.allowsDnsName(TestRoles.exampleOrg(), "a.b.example.org"));
  }

  @Test
  void allowsDnsName_bareDomainWithoutBareDomains_isRefused() {
    assertFalse(RoleNamePolicy.allowsDnsName(TestRoles.exampleOrg(), "example.org"));
  }

  @Test
  void allowsDnsName_bareDomainWithBareDomains_isAllowed() {
    PkiRole role =
        TestRoles.of(
            new JsonObject().put("allowed_domains", "example.org").put("allow_bare_domains", true));
    assertTrue(RoleNamePolicy.allowsDnsName(role, "example.org"));
    assertFalse(RoleNamePolicy.allowsDnsName(role, "a.example.org"));
  }

  @Test
  void allowsDnsName_suffixWithoutDot_isRefused() {
    assertFalse(RoleNamePolicy.allowsDnsName(TestRoles.exampleOrg(), "evilexample.org"));
  }

  @Test
  void allowsDnsName_wildcardOrBadLabel_isRefused() {
    assertFalse(RoleNamePolicy.allowsDnsName(TestRoles.exampleOrg(), "*.example.org"));
    assertFalse(RoleNamePolicy.allowsDnsName(TestRoles.exampleOrg(), "-a.example.org"));
    assertFalse(RoleNamePolicy.allowsDnsName(TestRoles.exampleOrg(), "a..example.org"));
  }

  @Test
  void allowsDnsName_localhostOnlyIfAllowed() {
    assertTrue(RoleNamePolicy.allowsDnsName(TestRoles.exampleOrg(), "localhost"));
    PkiRole noLocalhost =
        TestRoles.of(
            new JsonObject()
                .put("allowed_domains", "example.org")
                .put("allow_subdomains", true)
                .put("allow_localhost", false));
    assertFalse(RoleNamePolicy.allowsDnsName(noLocalhost, "localhost"));
  }

  @Test
  void check_commonNameOutsideRole_failsNamingIt() {
    ApiError error =
        assertThrows(
            ApiError.class,
            () ->
                RoleNamePolicy.check(
                    TestRoles.exampleOrg(),
                    RequestedNames.of("www.other.org", List.of(), List.of(), false)));
    assertEquals(400, error.status());
    assertEquals(List.of("common name www.other.org not allowed by this role"), error.messages());
  }

  @Test
  void check_ipSansWhenRoleForbidsThem_fails() {
    PkiRole role =
        TestRoles.of(
            new JsonObject()
                .put("allowed_domains", "example.org")
                .put("allow_subdomains", true)
                .put("allow_ip_sans", false));
    RequestedNames names =
        RequestedNames.of("a.example.org", List.of(), List.of("10.1.2.3"), false);
    assertThrows(ApiError.class, () -> RoleNamePolicy.check(role, names));
    assertDoesNotThrow(() -> RoleNamePolicy.check(TestRoles.exampleOrg(), names));
  }

  @Test
  void requestedNames_badIpLiteral_fails() {
    ApiError error =
        assertThrows(
            ApiError.class,
            () -> RequestedNames.of("a.example.org", List.of(), List.of("10.1.2.300"), false));
    assertEquals(List.of("ip_sans entry '10.1.2.300' is not an IP address"), error.messages());
  }
}
