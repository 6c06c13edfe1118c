package org.keyward.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keyward.http.ApiError;
import org.keyward.http.Capability;
import org.keyward.testing.Futures;
import org.keyward.view.InMemoryStorageView;

class PolicyStoreTest {
  private static final String READ_SECRETS = "path \"secret/*\" { capabilities = [\"read\"] }";

  private InMemoryStorageView storage;
  private PolicyStore store;

  @BeforeEach
  void setUp() {
    storage = new InMemoryStorageView();
    store = new PolicyStore(storage.sub("sys/policy/"));
  }

  @Test
  void put_thenGet_returnsTheTextAndStoresIt() {
    await(store.put(PolicyName.canonical("Readers "), READ_SECRETS));
    assertEquals(READ_SECRETS, store.get(new PolicyName("readers")).orElseThrow().text());
    assertEquals(List.of("sys/policy/readers"), storage.keys());
  }

  @Test
  void put_rebuildsTheAcl() {
    assertFalse(store.acl().authorize(AclTest.caller("r"), "secret/a", Capability.READ).allowed());
    await(store.put(new PolicyName("r"), READ_SECRETS));
    assertTrue(store.acl().authorize(AclTest.caller("r"), "secret/a", Capability.READ).allowed());
    assertTrue(
        store.authorizer().authorize(AclTest.caller("r"), "secret/a", Capability.READ).allowed());
  }

  @Test
  void put_malformed_failsAndChangesNothing() {
    await(store.put(new PolicyName("r"), READ_SECRETS));
    ApiError e =
        Futures.apiError(
            store.put(new PolicyName("r"), "path \"x\" { capabilities = [\"nope\"] }"));
    assertEquals(400, e.status());
    assertEquals(READ_SECRETS, store.get(new PolicyName("r")).orElseThrow().text());
    assertTrue(store.acl().authorize(AclTest.caller("r"), "secret/a", Capability.READ).allowed());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"root", " root", "ROOT", "Root ", "\troot", "root\n", " RoOt\t", "\u00a0root"})
  void put_anySpellingOfRoot_isRefused(String raw) {
    Future<Void> written;
    try {
      written = store.put(PolicyName.canonical(raw), READ_SECRETS);
    } catch (ApiError invalidName) {
      // a spelling that is not a valid name never reaches the store
      assertEquals(400, invalidName.status());
      assertTrue(storage.keys().isEmpty());
      return;
    }
    ApiError e = Futures.apiError(written);
    assertEquals(400, e.status());
    assertEquals(List.of("cannot update \"root\" policy"), e.messages());
    assertTrue(storage.keys().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"root", " root", "ROOT", "Root ", "\troot", "root\n", "rOOT  "})
  void delete_anySpellingOfRoot_isRefused(String raw) {
    ApiError e = Futures.apiError(store.delete(PolicyName.canonical(raw)));
    assertEquals(List.of("cannot delete \"root\" policy"), e.messages());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"default", "DEFAULT ", " Default", "\tdefault", "default\n", "DeFaUlT\r\n"})
  void delete_anySpellingOfDefault_isRefusedAndKeepsIt(String raw) {
    await(store.put(PolicyName.DEFAULT, READ_SECRETS));
    ApiError e = Futures.apiError(store.delete(PolicyName.canonical(raw)));
    assertEquals(List.of("cannot delete default policy"), e.messages());
    assertTrue(store.get(PolicyName.DEFAULT).isPresent());
    assertEquals(List.of("sys/policy/default"), storage.keys());
  }

  @ParameterizedTest
  @ValueSource(strings = {"DEFAULT ", " Default", "\tdefault"})
  void put_anySpellingOfDefault_updatesTheOneDefault(String raw) {
    await(store.put(PolicyName.canonical(raw), READ_SECRETS));
    assertEquals(List.of("sys/policy/default"), storage.keys());
    assertEquals(List.of("default", "root"), store.names());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "a/b", "a b", "caf\u00e9", "root\u0000", "has,comma"})
  void canonical_invalidName_isRefused(String raw) {
    try {
      PolicyName.canonical(raw);
    } catch (ApiError e) {
      assertEquals(400, e.status());
      return;
    }
    throw new AssertionError("accepted " + raw);
  }

  @Test
  void canonical_longerThan128_isRefused() {
    assertEquals(128, PolicyName.canonical("x".repeat(128)).value().length());
    try {
      PolicyName.canonical("x".repeat(129));
    } catch (ApiError e) {
      assertEquals(400, e.status());
      return;
    }
    throw new AssertionError("accepted 129 characters");
  }

  @Test
  void get_root_isEmptyText() {
    assertEquals("", store.get(PolicyName.ROOT).orElseThrow().text());
  }

  @Test
  void delete_existing_removesItFromStorageAndAcl() {
    await(store.put(new PolicyName("r"), READ_SECRETS));
    await(store.delete(new PolicyName("r")));
    assertTrue(storage.keys().isEmpty());
    assertTrue(store.get(new PolicyName("r")).isEmpty());
    assertFalse(store.acl().authorize(AclTest.caller("r"), "secret/a", Capability.READ).allowed());
  }

  @Test
  void delete_absent_succeeds() {
    await(store.delete(new PolicyName("never")));
  }

  @Test
  void names_listsStoredThenRoot() {
    await(store.put(new PolicyName("b"), READ_SECRETS));
    await(store.put(new PolicyName("a"), READ_SECRETS));
    assertEquals(List.of("a", "b", "root"), store.names());
  }

  @Test
  void load_readsWhatAnotherStoreWrote() {
    await(store.put(new PolicyName("r"), READ_SECRETS));
    PolicyStore reopened = new PolicyStore(storage.sub("sys/policy/"));
    await(reopened.load());
    assertEquals(READ_SECRETS, reopened.get(new PolicyName("r")).orElseThrow().text());
    assertTrue(
        reopened.acl().authorize(AclTest.caller("r"), "secret/a", Capability.READ).allowed());
  }

  @Test
  void loadShipped_skipsNamesAlreadyPresent() {
    await(store.put(PolicyName.DEFAULT, "path \"mine\" { capabilities = [\"read\"] }"));
    List<String> added =
        await(store.loadShipped(Map.of("default", READ_SECRETS, "extra", READ_SECRETS)));
    assertEquals(List.of("extra"), added);
    assertEquals(
        "path \"mine\" { capabilities = [\"read\"] }",
        store.get(PolicyName.DEFAULT).orElseThrow().text());
  }

  @Test
  void load_storedPolicyThatNoLongerParses_failsInsteadOfSkippingIt() {
    await(
        storage
            .sub("sys/policy/")
            .put(
                "broken",
                new JsonObject()
                    .put("name", "broken")
                    .put("policy", "path \"a\" { capabilities = [\"nope\"] }")
                    .toBuffer()
                    .getBytes()));
    Future<Void> loaded = store.load();
    assertTrue(loaded.failed());
    assertTrue(loaded.cause() instanceof IllegalStateException);
  }

  @Test
  void loadShipped_fromTheRepositoryFolder_addsTheSixPolicies() {
    Vertx vertx = Vertx.vertx();
    try {
      List<String> added = await(store.loadShipped(vertx, ShippedPoliciesTest.policiesDir()));
      assertEquals(
          List.of(
              "admin",
              "auditor",
              "cell-server",
              "default",
              "orchestrator-core",
              "rotation-operator"),
          added);
      assertEquals(
          List.of(
              "admin",
              "auditor",
              "cell-server",
              "default",
              "orchestrator-core",
              "rotation-operator",
              "root"),
          store.names());
      assertEquals(List.of(), await(store.loadShipped(vertx, ShippedPoliciesTest.policiesDir())));
    } finally {
      await(vertx.close());
    }
  }
}
