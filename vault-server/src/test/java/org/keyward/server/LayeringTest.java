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
import org.keyward.storage.StorageConflictException;
import org.keyward.storage.StorageException;

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

  /**
   * Storage classes other than the conflict and failure types that {@code StorageView.transaction}
   * is documented to fail with.
   */
  private static final DescribedPredicate<JavaClass> STORAGE_INTERNALS =
      JavaClass.Predicates.resideInAPackage("org.keyward.storage..")
          .and(
              DescribedPredicate.not(
                  JavaClass.Predicates.belongToAnyOf(
                      StorageConflictException.class, StorageException.class)));

  @Test
  void enginesAndSys_neverReachHsmStorageOrJdbc() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage("org.keyward.engine..", "org.keyward.sys..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.keyward.hsm..", "java.sql..")
            .orShould()
            .dependOnClassesThat(STORAGE_INTERNALS));
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
                "java.sql..")
            .orShould()
            .dependOnClassesThat(STORAGE_INTERNALS));
  }

  @Test
  void barrier_neverReachesEngines() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.keyward.barrier..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.keyward.engine..", "org.keyward.sys..", "org.keyward.auth.."));
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
  void hsmAdapters_neverUseVertx() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.keyward.hsm..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.vertx.."));
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
