package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token operations and token login through the SDK against the whole server. */
class TokenIT {
  @TempDir static Path dir;
  static LiveVault vault;
  static VaultClient root;

  @BeforeAll
  static void start() {
    vault = LiveVault.start(dir);
    root = vault.rootClient();
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  private VaultClient childClient(AuthInfo child) {
    return vault.client(vault.configWithoutToken().token(child.token()).build());
  }

  @Test
  void lookupSelf_rootToken_showsRootPolicyAndNoExpiry() {
    TokenInfo info = root.token().lookupSelf();

    assertEquals(List.of("root"), info.policies());
    assertEquals(Duration.ZERO, info.ttl());
  }

  @Test
  void create_childWithTtl_isUsableAndRedacted() {
    AuthInfo child =
        root.token().create(TokenCreateRequest.withPolicies("default").ttl(Duration.ofHours(1)));

    TokenInfo info = childClient(child).token().lookupSelf();

    assertEquals(Duration.ofHours(1), child.leaseDuration());
    assertTrue(child.renewable());
    assertEquals(child.accessor(), info.accessor());
    assertTrue(info.policies().contains("default"));
    assertFalse(child.toString().contains(child.token().reveal()), child::toString);
  }

  @Test
  void renewSelf_withIncrement_returnsNewLease() {
    AuthInfo child =
        root.token().create(TokenCreateRequest.withPolicies("default").ttl(Duration.ofMinutes(5)));

    AuthInfo renewed = childClient(child).token().renewSelf(Duration.ofMinutes(10));

    assertEquals(Duration.ofMinutes(10), renewed.leaseDuration());
    assertEquals(child.accessor(), renewed.accessor());
  }

  @Test
  void revokeSelf_thenCalls_failWithPermissionDenied() {
    AuthInfo child = root.token().create(TokenCreateRequest.withPolicies("default"));
    VaultClient c = childClient(child);

    c.token().revokeSelf();
    VaultException denied = assertThrows(VaultException.class, () -> c.token().lookupSelf());

    assertEquals(403, denied.status());
    assertTrue(denied.isPermissionDenied());
  }

  @Test
  void loginWithToken_learnsTtlAndUsesToken() {
    AuthInfo child =
        root.token().create(TokenCreateRequest.withPolicies("default").ttl(Duration.ofHours(2)));
    VaultClient c = vault.client(vault.configWithoutToken().build());

    AuthInfo auth = c.login(LoginMethod.token(child.token()));

    assertEquals(child.accessor(), auth.accessor());
    assertTrue(auth.leaseDuration().compareTo(Duration.ofHours(1)) > 0);
    assertEquals(child.accessor(), c.token().lookupSelf().accessor());
    assertTrue(c.session().expiry().isPresent());
  }

  @Test
  void call_withoutToken_failsWithPermissionDenied() {
    VaultClient anonymous = vault.client(vault.configWithoutToken().build());

    VaultException e =
        assertThrows(VaultException.class, () -> anonymous.kv("secret").get("anything"));

    assertEquals(403, e.status());
    assertNotEquals(null, e.requestId());
  }
}
