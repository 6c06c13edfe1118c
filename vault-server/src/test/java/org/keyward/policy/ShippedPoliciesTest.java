package org.keyward.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keyward.http.ApiError;
import org.keyward.http.Authorizer.Decision;
import org.keyward.http.Caller;
import org.keyward.http.Capability;

/**
 * The policies in the repository's {@code policies/}: each grants what its comment says and nothing
 * more. Each row is one request a holder of that policy alone makes, and whether it may.
 */
class ShippedPoliciesTest {
  private static final Capability C = Capability.CREATE;
  private static final Capability R = Capability.READ;
  private static final Capability U = Capability.UPDATE;
  private static final Capability P = Capability.PATCH;
  private static final Capability D = Capability.DELETE;
  private static final Capability L = Capability.LIST;
  private static final Capability S = Capability.SUDO;

  static Path policiesDir() {
    // Tests run with the module as working directory; the folder sits at the repository root.
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("policies");
      if (Files.isRegularFile(candidate.resolve("default.hcl"))) {
        return candidate;
      }
    }
    throw new AssertionError("no policies/ folder above " + Path.of("").toAbsolutePath());
  }

  private static Acl shipped() {
    List<Policy> all = new ArrayList<>();
    ShippedPolicies.read(policiesDir())
        .forEach((n, text) -> all.add(Policy.parse(new PolicyName(n), text)));
    all.add(cellPolicy("17"));
    return Acl.compile(all);
  }

  private static Policy cellPolicy(String cell) {
    try {
      String template =
          Files.readString(policiesDir().resolve("templates").resolve("cell.hcl.tmpl"));
      return Policy.parse(new PolicyName("cell-" + cell), template.replace("{{cell}}", cell));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final Acl ACL = shipped();

  static Arguments allow(String policy, String path, Capability c) {
    return Arguments.of(policy, path, c, true);
  }

  static Arguments deny(String policy, String path, Capability c) {
    return Arguments.of(policy, path, c, false);
  }

  static Stream<Arguments> matrix() {
    return Stream.of(
        // default: its own token and nothing else
        allow("default", "auth/token/lookup-self", R),
        allow("default", "auth/token/renew-self", U),
        allow("default", "auth/token/revoke-self", U),
        allow("default", "sys/capabilities-self", U),
        deny("default", "auth/token/create", U),
        deny("default", "auth/token/lookup", U),
        deny("default", "secret/data/devices/olt-1", R),
        deny("default", "sys/policies/acl", L),
        deny("default", "cubbyhole/x", R),
        // admin: everything but the root-only operations
        allow("admin", "secret/data/devices/olt-1", R),
        allow("admin", "secret/data/anything", D),
        allow("admin", "transit/keys/k", C),
        allow("admin", "sys/policies/acl/x", U),
        allow("admin", "sys/mounts/pki", S),
        allow("admin", "sys/audit/file", S),
        allow("admin", "sys/rotate", U),
        deny("admin", "sys/rotate/root", U),
        deny("admin", "sys/rotate/root", S),
        deny("admin", "sys/generate-root/attempt", U),
        deny("admin", "sys/raw/core/keyring", R),
        deny("admin", "secret/data/x", S),
        // orchestrator-core: device secrets and transit use
        allow("orchestrator-core", "secret/data/devices/olt-17", R),
        allow("orchestrator-core", "secret/data/devices/olt-17", C),
        allow("orchestrator-core", "secret/data/devices/site-a/olt-1", U),
        allow("orchestrator-core", "secret/data/devices/olt-17", P),
        allow("orchestrator-core", "secret/metadata/devices", L),
        allow("orchestrator-core", "secret/metadata/devices/site-a", L),
        allow("orchestrator-core", "secret/metadata/devices/olt-17", R),
        allow("orchestrator-core", "transit/encrypt/device-params", U),
        allow("orchestrator-core", "transit/decrypt/device-params", U),
        allow("orchestrator-core", "transit/rewrap/device-params", U),
        allow("orchestrator-core", "transit/datakey/plaintext/device-params", U),
        deny("orchestrator-core", "secret/data/devices/olt-17", D),
        deny("orchestrator-core", "secret/destroy/devices/olt-17", U),
        deny("orchestrator-core", "secret/metadata/devices/olt-17", D),
        deny("orchestrator-core", "secret/data/cells/17/params", R),
        deny("orchestrator-core", "secret/data/devicesx", R),
        // encrypting under a missing key would create it (create): orchestrator-core has update
        // only
        deny("orchestrator-core", "transit/encrypt/device-params", C),
        deny("orchestrator-core", "secret/metadata/devices/olt-17", C),
        deny("orchestrator-core", "secret/metadata/devices/olt-17", U),
        deny("orchestrator-core", "transit/keys/device-params", U),
        deny("orchestrator-core", "transit/keys/device-params/rotate", U),
        deny("orchestrator-core", "sys/mounts", R),
        deny("orchestrator-core", "sys/policies/acl/admin", U),
        // cell-server + cell-17: its own certificates and its own cell's parameters
        allow("cell-server", "pki/issue/cell-server", U),
        deny("cell-server", "pki/issue/admin", U),
        deny("cell-server", "pki/root/generate/internal", U),
        deny("cell-server", "secret/data/cells/17/params", R),
        allow("cell-17", "secret/data/cells/17/params", R),
        allow("cell-17", "secret/data/cells/17/site/radio", R),
        allow("cell-17", "secret/metadata/cells/17/", L),
        deny("cell-17", "secret/data/cells/17/params", U),
        deny("cell-17", "secret/data/cells/17/new-params", C),
        deny("cell-17", "secret/data/cells/18/params", R),
        deny("cell-17", "secret/data/cells/170/params", R),
        deny("cell-17", "secret/metadata/cells/18/", L),
        deny("cell-17", "secret/data/devices/olt-1", R),
        // auditor: configuration and metadata, never values
        allow("auditor", "sys/audit", R),
        allow("auditor", "sys/audit", S),
        allow("auditor", "sys/policies/acl", L),
        allow("auditor", "sys/policies/acl/admin", R),
        allow("auditor", "sys/policy", R),
        allow("auditor", "sys/policy/admin", R),
        allow("auditor", "sys/mounts", R),
        allow("auditor", "sys/auth", R),
        allow("auditor", "sys/key-status", R),
        allow("auditor", "secret/metadata/devices/olt-17", R),
        allow("auditor", "secret/metadata/devices", L),
        deny("auditor", "secret/data/devices/olt-17", R),
        deny("auditor", "secret/metadata/devices/olt-17", U),
        deny("auditor", "secret/metadata/devices/olt-99", C),
        deny("auditor", "secret/metadata/devices/olt-17", D),
        deny("auditor", "transit/decrypt/device-params", U),
        deny("auditor", "transit/encrypt/device-params", U),
        deny("auditor", "sys/audit/file", U),
        deny("auditor", "sys/policies/acl/admin", U),
        deny("auditor", "sys/policies/acl/admin", D),
        deny("auditor", "sys/mounts/secret", U),
        deny("auditor", "sys/rotate", U),
        allow("auditor", "sys/compliance/report", R),
        allow("auditor", "sys/sbom", R),
        allow("auditor", "sys/sbom", S),
        allow("auditor", "sys/config/key-policy", R),
        deny("auditor", "sys/config/key-policy", U),
        // rotation-operator: rotation and nothing else
        allow("rotation-operator", "sys/rotate", U),
        allow("rotation-operator", "sys/rotate", S),
        allow("rotation-operator", "sys/rotate/root", U),
        allow("rotation-operator", "sys/reencrypt", U),
        allow("rotation-operator", "sys/keyring/retire", U),
        allow("rotation-operator", "sys/key-status", R),
        allow("rotation-operator", "transit/keys/device-params/rotate", U),
        deny("rotation-operator", "transit/keys/device-params", U),
        deny("rotation-operator", "transit/keys/device-params", D),
        deny("rotation-operator", "transit/keys/a/b/rotate", U),
        deny("rotation-operator", "transit/encrypt/device-params", U),
        deny("rotation-operator", "transit/encrypt/new-key", C),
        deny("rotation-operator", "transit/decrypt/device-params", U),
        deny("rotation-operator", "secret/data/devices/olt-1", R),
        deny("rotation-operator", "sys/mounts", R),
        deny("rotation-operator", "sys/policies/acl/admin", U));
  }

  @ParameterizedTest(name = "[{index}] {0}: {2} {1} -> {3}")
  @MethodSource("matrix")
  void shippedPolicy_grantsWhatItSaysAndNothingMore(
      String policy, String path, Capability capability, boolean allowed) {
    Caller caller = new Caller("acc", Set.of(policy), "", "", "", Map.of());
    Decision d = ACL.authorize(caller, path, capability);
    assertEquals(allowed, d.allowed(), d.reason());
  }

  @Test
  void read_policiesFolder_holdsTheSixPoliciesEachWithAComment() {
    Map<String, String> shipped = ShippedPolicies.read(policiesDir());
    assertEquals(
        Set.of(
            "default", "admin", "orchestrator-core", "cell-server", "auditor", "rotation-operator"),
        shipped.keySet());
    shipped.forEach(
        (name, text) ->
            assertTrue(text.startsWith("# " + name + ":"), name + " must start with its comment"));
  }

  @Test
  void cellTemplate_unrendered_doesNotParse() throws Exception {
    String template = Files.readString(policiesDir().resolve("templates").resolve("cell.hcl.tmpl"));
    assertThrows(ApiError.class, () -> Policy.parse(new PolicyName("cell"), template));
  }
}
