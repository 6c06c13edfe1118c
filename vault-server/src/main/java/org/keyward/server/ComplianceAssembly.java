package org.keyward.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.TokenStore;
import org.keyward.auth.identity.LoginAlias;
import org.keyward.auth.mfa.LoginMfa;
import org.keyward.barrier.KeyAdmin;
import org.keyward.barrier.Reencryption;
import org.keyward.compliance.AccessControlSection;
import org.keyward.compliance.ComplianceReport;
import org.keyward.compliance.ComplianceRoutes;
import org.keyward.compliance.ComplianceStore;
import org.keyward.compliance.ContinuitySections;
import org.keyward.compliance.CryptographySection;
import org.keyward.compliance.MfaSection;
import org.keyward.compliance.MountFacts;
import org.keyward.compliance.PkiSection;
import org.keyward.compliance.ReportSection;
import org.keyward.compliance.ReportSigner;
import org.keyward.compliance.Sbom;
import org.keyward.compliance.SupplyChainSection;
import org.keyward.compliance.TraceabilitySection;
import org.keyward.engine.ComplianceFacts;
import org.keyward.engine.MountEntry;
import org.keyward.policy.PolicyStore;
import org.keyward.sys.MountTable;
import org.keyward.sys.ServerIdentity;
import org.keyward.view.StorageView;

/**
 * The compliance report as the server runs it: one provider per section, in report order, the
 * report signed with the HSM audit key, and the {@code sys/config/key-policy}, {@code
 * sys/compliance/report} and {@code sys/sbom} routes.
 */
final class ComplianceAssembly {
  private final ComplianceStore store;
  private final List<org.keyward.http.Operation<?>> operations;

  /** The parts the sections read; grouped so the vault's constructor stays short. */
  record Sources(
      KeyAdmin keys,
      Reencryption reencryption,
      MountTable mounts,
      MountTable auths,
      PolicyStore policies,
      TokenStore tokens,
      LoginLockout lockout,
      LoginMfa mfa,
      AuditAssembly audit,
      ServerIdentity identity,
      java.util.function.Supplier<Future<JsonObject>> backups,
      java.util.function.Supplier<JsonObject> ha) {}

  ComplianceAssembly(Vertx vertx, StorageView view, Sources s, Clock clock) {
    this.store = new ComplianceStore(view);
    MountFacts engines = type -> facts(s.mounts(), type);
    MountFacts logins = type -> facts(s.auths(), type);
    // Read once, on a worker: the SBOM is a resource in the jar.
    Future<Optional<Sbom>> sbom = vertx.executeBlocking(Sbom::load, false);
    List<ReportSection> sections =
        List.of(
            new CryptographySection(s.keys(), s.reencryption(), store, engines),
            new PkiSection(engines),
            new AccessControlSection(s.policies()::names, logins, s.tokens(), s.lockout()),
            new MfaSection(() -> mfaFacts(s.auths(), s.mfa())),
            new TraceabilitySection(vertx, s.audit().devices()),
            ContinuitySections.backups(s.backups()),
            ContinuitySections.highAvailability(s.ha()),
            new SupplyChainSection(s.identity().version(), s.identity().buildDate(), sbom));
    JsonObject server =
        new JsonObject()
            .put("version", s.identity().version())
            .put("build_date", s.identity().buildDate())
            .put("storage", s.identity().storageType())
            .put("cluster_name", s.identity().clusterName())
            .put("cluster_id", s.identity().clusterId());
    ReportSigner signer =
        new ReportSigner(
            // Report signing waits on the HSM gateway (HsmKeySigner), off the event loop.
            s.audit().signer(), vertx.createSharedWorkerExecutor("compliance-report", 1));
    ComplianceReport report = new ComplianceReport(sections, store, signer, server, clock);
    this.operations = new ComplianceRoutes(store, report, sbom).operations();
  }

  List<org.keyward.http.Operation<?>> operations() {
    return operations;
  }

  /**
   * {@code keys} that also records the date of every KEK it rotates to, since the HSM keeps none.
   */
  KeyAdmin datingKekRotations(KeyAdmin keys, Clock clock) {
    return new KeyAdmin() {
      @Override
      public Future<KeyStatus> rotate() {
        return keys.rotate();
      }

      @Override
      public KeyStatus keyStatus() {
        return keys.keyStatus();
      }

      @Override
      public Future<Integer> rotateKek() {
        return keys.rotateKek()
            .compose(v -> store.kekDates(List.of(v), clock.instant(), true).map(v));
      }

      @Override
      public Future<KekStatus> kekStatus() {
        return keys.kekStatus();
      }

      @Override
      public Future<Void> destroyKek(int version) {
        return keys.destroyKek(version);
      }

      @Override
      public Future<List<Integer>> retireOlderTerms() {
        return keys.retireOlderTerms();
      }
    };
  }

  /**
   * Records the KEK versions present now (after each unseal), so a KEK made before this was
   * recorded is dated from when Keyward first saw it.
   */
  Future<Void> recordKeks(KeyAdmin keys, Clock clock) {
    return keys.kekStatus()
        .compose(k -> store.kekDates(k.versions(), clock.instant(), false))
        .mapEmpty();
  }

  /** Every account of every human login mount, with the MFA enforcements that cover it. */
  private static Future<JsonObject> mfaFacts(MountTable auths, LoginMfa mfa) {
    List<MountEntry> human =
        auths.backendMounts().stream()
            .filter(e -> MfaSection.HUMAN_LOGIN_TYPES.contains(e.type()))
            .toList();
    JsonArray methods = new JsonArray();
    human.forEach(e -> methods.add(new JsonObject().put("path", e.path()).put("type", e.type())));
    List<Future<List<LoginAlias>>> accounts = new ArrayList<>();
    for (MountEntry e : human) {
      accounts.add(
          auths
              .backend(e.path())
              .filter(ComplianceFacts.class::isInstance)
              .map(f -> ((ComplianceFacts) f).complianceFacts())
              .orElse(Future.succeededFuture(new JsonObject()))
              .map(f -> aliases(e, f.getJsonArray("users", new JsonArray()))));
    }
    return Future.all(accounts)
        .compose(
            done -> {
              List<LoginAlias> all = new ArrayList<>();
              accounts.forEach(a -> all.addAll(a.result()));
              return mfa.coverage(all);
            })
        .map(coverage -> coverage.put("human_login_methods", methods));
  }

  private static List<LoginAlias> aliases(MountEntry mount, JsonArray users) {
    List<LoginAlias> out = new ArrayList<>();
    users.forEach(u -> out.add(new LoginAlias(mount, ((JsonObject) u).getString("name"))));
    return out;
  }

  private static Future<List<MountFacts.Mounted>> facts(MountTable table, String type) {
    List<MountEntry> entries = new ArrayList<>();
    List<Future<JsonObject>> reads = new ArrayList<>();
    for (MountEntry e : table.backendMounts()) {
      if (!e.type().equals(type)) {
        continue;
      }
      table
          .backend(e.path())
          .filter(ComplianceFacts.class::isInstance)
          .map(ComplianceFacts.class::cast)
          .ifPresent(
              f -> {
                entries.add(e);
                reads.add(f.complianceFacts());
              });
    }
    return Future.all(reads)
        .map(
            all -> {
              List<MountFacts.Mounted> out = new ArrayList<>();
              for (int i = 0; i < entries.size(); i++) {
                out.add(new MountFacts.Mounted(entries.get(i).path(), reads.get(i).result()));
              }
              return out;
            });
  }
}
