package org.keyward.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layer rules of STYLE.md section 1, enforced: a forbidden import fails the build instead of
 * waiting for a reviewer to notice.
 */
class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // The HSM module's test-jar (SoftHsmToken and its tests) is on this class path too.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("org.keyward");
  }

  @Test
  void enginesAndSys_neverReachHsmStorageOrJdbc() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage("org.keyward.engine..", "org.keyward.sys..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.keyward.hsm..", "org.keyward.storage..", "java.sql.."));
  }

  @Test
  void mountedBackends_reachStorageOnlyThroughTheView() {
    // The barrier's seal and keyring classes are sys's business; backends see org.keyward.view.
    check(
        noClasses()
            .that()
            .resideInAnyPackage(
                "org.keyward.engine..",
                "org.keyward.auth..",
                "org.keyward.policy..",
                "org.keyward.audit..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.keyward.barrier..", "org.keyward.storage.."));
  }

  @Test
  void view_dependsOnlyOnHttpErrors() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.keyward.view..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.keyward.engine..",
                "org.keyward.barrier..",
                "org.keyward.storage..",
                "org.keyward.hsm..",
                "org.keyward.server..",
                "org.keyward.sys..",
                "org.keyward.auth.."));
  }

  @Test
  void engines_neverReachEachOther() {
    for (String engine : new String[] {"kv", "transit", "pki"}) {
      check(
          noClasses()
              .that()
              .resideInAPackage("org.keyward.engine." + engine + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(otherEngines(engine))
              .allowEmptyShould(true));
    }
  }

  @Test
  void authPolicyAudit_neverReachConcreteEnginesHsmOrJdbc() {
    // Login methods are mounted through the engine contract (org.keyward.engine), not engines.
    check(
        noClasses()
            .that()
            .resideInAnyPackage("org.keyward.auth..", "org.keyward.policy..", "org.keyward.audit..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.keyward.engine.kv..",
                "org.keyward.engine.transit..",
                "org.keyward.engine.pki..",
                "org.keyward.hsm..",
                "org.keyward.storage..",
                "java.sql.."));
  }

  @Test
  void compliance_readsThroughContractsOnly() {
    // The report reads engines through org.keyward.engine.ComplianceFacts, never their classes.
    check(
        noClasses()
            .that()
            .resideInAPackage("org.keyward.compliance..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.keyward.engine.kv..",
                "org.keyward.engine.transit..",
                "org.keyward.engine.pki..",
                "org.keyward.hsm..",
                "org.keyward.server..",
                "org.keyward.storage..",
                "java.sql.."));
  }

  @Test
  void barrier_neverReachesEnginesOrChoosesHttpStatuses() {
    // The barrier throws its own types (sealed, integrity, refusal, HSM unavailable); the HTTP
    // edge (server.BarrierErrorTranslator) maps them, once.
    check(
        noClasses()
            .that()
            .resideInAPackage("org.keyward.barrier..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.keyward.engine..",
                "org.keyward.sys..",
                "org.keyward.auth..",
                "org.keyward.http.."));
  }

  @Test
  void httpAndStorage_dependOnNoOtherKeywardLayer() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.keyward.http..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.keyward.engine..",
                "org.keyward.barrier..",
                "org.keyward.storage..",
                "org.keyward.hsm..",
                "org.keyward.server.."));
    check(
        noClasses()
            .that()
            .resideInAPackage("org.keyward.storage..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.keyward.engine..",
                "org.keyward.barrier..",
                "org.keyward.http..",
                "org.keyward.hsm..",
                "org.keyward.server.."));
  }

  /** HA sees the lease, the HTTP types and the sys status contract; never the vault's insides. */
  @Test
  void ha_reachesOnlyTheLeaseHttpAndSysStatus() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.keyward.ha..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.keyward.engine..",
                "org.keyward.barrier..",
                "org.keyward.auth..",
                "org.keyward.policy..",
                "org.keyward.audit..",
                "org.keyward.hsm..",
                "org.keyward.server.."));
  }

  @Test
  void concurrent_dependsOnNoOtherKeywardPackage() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.keyward.concurrent..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.keyward.engine..",
                "org.keyward.barrier..",
                "org.keyward.storage..",
                "org.keyward.http..",
                "org.keyward.hsm..",
                "org.keyward.server..",
                "org.keyward.sys..",
                "org.keyward.view.."));
  }

  @Test
  void snapshots_neverReachEnginesHsmOrJdbc() {
    // The snapshot package streams raw storage and signs through ManifestSigner; the server wires
    // the HSM key and the scratch store of a drill.
    check(
        noClasses()
            .that()
            .resideInAPackage("org.keyward.snapshot..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.keyward.engine..", "org.keyward.hsm..", "org.keyward.server..", "java.sql.."));
  }

  @Test
  void hsmAdapters_neverUseVertx() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.keyward.hsm..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.vertx.."));
  }

  /**
   * Every HSM user reaches the key provider through {@link org.keyward.barrier.HsmGateway}, which
   * owns the HSM pool, the error mapping and the reconnect; no other class keeps a provider (the
   * lazy opener wraps one, the adapters are the providers, and transit's {@code ProviderKeys} lives
   * for one gateway call).
   */
  @Test
  void hsmUsers_holdTheGatewayNotTheProvider() {
    check(
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields()
            .that()
            .haveRawType(org.keyward.hsm.KeyProvider.class)
            .should()
            .beDeclaredInClassesThat(
                DescribedPredicate.not(
                    JavaClass.Predicates.belongToAnyOf(
                            org.keyward.barrier.HsmGateway.class, LazyKeyProvider.class)
                        .or(JavaClass.Predicates.simpleName("ProviderKeys"))
                        .or(JavaClass.Predicates.resideInAPackage("org.keyward.hsm..")))));
  }

  private static String[] otherEngines(String engine) {
    return java.util.stream.Stream.of("kv", "transit", "pki")
        .filter(e -> !e.equals(engine))
        .map(e -> "org.keyward.engine." + e + "..")
        .toArray(String[]::new);
  }

  private static void check(ArchRule rule) {
    rule.check(classes);
  }
}
