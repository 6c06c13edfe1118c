package org.keyward.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.keyward.audit.AuditDirectory;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.TokenAuthenticator;
import org.keyward.auth.TokenExpirySweeper;
import org.keyward.auth.TokenStore;
import org.keyward.barrier.Barrier;
import org.keyward.barrier.HsmGateway;
import org.keyward.barrier.KeyringAdmin;
import org.keyward.barrier.Reencryptor;
import org.keyward.barrier.SealControl;
import org.keyward.barrier.SealState;
import org.keyward.barrier.VaultSeal;
import org.keyward.engine.pki.PkiEngine;
import org.keyward.http.Operation;
import org.keyward.http.OperationLookup;
import org.keyward.policy.CapabilitiesRoutes;
import org.keyward.policy.PolicyRoutes;
import org.keyward.policy.PolicyStore;
import org.keyward.storage.Storage;
import org.keyward.sys.HaStatus;
import org.keyward.sys.MountKind;
import org.keyward.sys.MountTable;
import org.keyward.sys.NodeIdentity;
import org.keyward.sys.RootTokenIssuer;
import org.keyward.sys.ServerIdentity;
import org.keyward.sys.SysInitRoutes;
import org.keyward.sys.SysInternalUiRoutes;
import org.keyward.sys.SysLeaderRoutes;
import org.keyward.sys.SysMountRoutes;
import org.keyward.sys.SysRotateRoutes;
import org.keyward.sys.SysSealRoutes;

/**
 * The vault behind the listener, built over one Vert.x: storage, barrier and HSM seal, tokens,
 * policies and the mount table with their routes. It becomes ready (unsealed as far as requests can
 * tell) only after everything that lives in the barrier has been loaded, and it closes in the
 * reverse order of building.
 */
final class KeywardVault {
  private static final System.Logger LOG = System.getLogger(KeywardVault.class.getName());
  static final String TOKEN_VIEW = "sys/token/";
  static final String POLICY_VIEW = "sys/policy/";
  static final String SYSTEM_VIEW = "core/system/";
  static final String AUDIT_VIEW = "sys/audit/";
  static final String SNAPSHOT_SCHEDULE_VIEW = "sys/snapshot-auto/";
  static final String SNAPSHOT_DRILL_VIEW = "sys/snapshot-drill/";

  static final String COMPLIANCE_VIEW = "sys/compliance/";

  private final Vertx vertx;
  private final Storage storage;
  private final HsmGateway hsm;
  private final VaultSeal seal;
  private final TokenStore tokens;
  private final PolicyStore policies;
  private final SecretsAssembly secrets;
  private final MountTable mounts;
  private final MountTable auths;
  private final LoginAssembly logins;
  private final TokenExpirySweeper sweeper;
  private final SysInitRoutes init;
  private final SealControl loadedSeal;
  private final AuditAssembly audit;
  private final SnapshotAssembly snapshots;
  private final List<Operation<?>> systemOperations = new ArrayList<>();
  private final VaultLifecycle lifecycle;
  private final HaStatus ha;

  private KeywardVault(
      Vertx vertx,
      Storage storage,
      HsmGateway hsm,
      AuditDirectory auditDirectory,
      NodeIdentity node,
      LoginLockout lockout,
      Clock clock,
      HaStatus ha) {
    this.vertx = vertx;
    this.ha = ha;
    this.storage = storage;
    this.hsm = hsm;
    SealAssembly sealing = new SealAssembly(vertx, storage, hsm, clock);
    Barrier barrier = sealing.barrier();
    this.seal = sealing.seal();
    Reencryptor reencryptor = sealing.reencryptor();
    KeyringAdmin keys = sealing.keys();
    this.tokens = new TokenStore(barrier.view(TOKEN_VIEW), clock);
    this.policies = new PolicyStore(barrier.view(POLICY_VIEW));
    this.secrets = new SecretsAssembly(vertx, barrier, hsm, SYSTEM_VIEW, tokens);
    this.mounts = secrets.mounts();
    this.logins =
        new LoginAssembly(
            vertx, barrier, SYSTEM_VIEW, tokens, lockout, secrets::isRevokedByOwnPki, clock);
    this.auths = logins.auths();
    this.sweeper = new TokenExpirySweeper(vertx, tokens, Duration.ofMinutes(1).toMillis());
    this.lifecycle = new VaultLifecycle(vertx.getOrCreateContext(), seal, residents());
    SealControl loading = new LoadingSealControl(seal, lifecycle::isActive, lifecycle::awaitActive);
    this.loadedSeal = ha.haEnabled() ? new HaSealControl(loading, ha) : loading;
    this.init = new SysInitRoutes(loadedSeal, rootTokens(tokens), this::loadShippedPolicies);
    ServerIdentity identity =
        new ServerIdentity(
            node.version(),
            BuildInfo.BUILD_DATE,
            storage.type(),
            node.clusterName(),
            node.clusterId());
    systemOperations.addAll(init.operations());
    systemOperations.addAll(new SysSealRoutes(loadedSeal, identity).operations());
    // Compliance (issue 18): the audit assembly is built first, as the report is signed with its
    // key.
    this.audit = new AuditAssembly(vertx, barrier.view(AUDIT_VIEW), auditDirectory, hsm);
    ComplianceAssembly compliance =
        new ComplianceAssembly(
            vertx,
            barrier.view(COMPLIANCE_VIEW),
            new ComplianceAssembly.Sources(
                keys,
                reencryptor,
                mounts,
                auths,
                policies,
                tokens,
                lockout,
                logins.mfa(),
                audit,
                identity,
                this::snapshotComplianceFacts,
                () -> SysLeaderRoutes.leaderJson(ha)),
            clock);
    lifecycle.onActive(
        () ->
            compliance
                .recordKeks(keys, clock)
                .onFailure(e -> LOG.log(Level.WARNING, "recording KEK dates failed: " + e)));
    systemOperations.addAll(compliance.operations());
    systemOperations.addAll(
        new SysRotateRoutes(compliance.datingKekRotations(keys, clock), reencryptor).operations());
    systemOperations.addAll(new SysLeaderRoutes(ha).operations());
    systemOperations.addAll(SysMountRoutes.secrets(mounts).operations());
    systemOperations.addAll(SysMountRoutes.auth(auths).operations());
    systemOperations.addAll(new SysInternalUiRoutes(mounts, auths).operations());
    systemOperations.addAll(new PolicyRoutes(policies).operations());
    systemOperations.addAll(new CapabilitiesRoutes(policies.authorizer()).operations());
    systemOperations.addAll(audit.operations());
    this.snapshots =
        new SnapshotAssembly(
            vertx,
            storage,
            hsm,
            secrets.engines(),
            node.clusterId(),
            auditDirectory.root().resolveSibling("snapshot-work"),
            barrier.view(SNAPSHOT_SCHEDULE_VIEW),
            barrier.view(SNAPSHOT_DRILL_VIEW),
            clock,
            lifecycle::isActive, // HA: only the active node takes scheduled snapshots
            this::reloadAfterRestore);
    systemOperations.addAll(snapshots.operations());
    lifecycle.onActive(snapshots::reload);
    systemOperations.addAll(logins.sysOperations());
  }

  /**
   * Builds the parts and starts the seal: unseals through the HSM if it can. File audit devices are
   * confined to {@code auditDir}.
   */
  static Future<KeywardVault> open(
      Vertx vertx,
      Storage storage,
      HsmGateway hsm,
      Path auditDir,
      NodeIdentity node,
      LoginLockout lockout,
      Clock clock,
      HaStatus ha) {
    return vertx
        .executeBlocking(
            () -> {
              OwnerOnlyFiles.createPrivateDirectory(auditDir);
              return new AuditDirectory(auditDir);
            },
            false)
        .map(dir -> new KeywardVault(vertx, storage, hsm, dir, node, lockout, clock, ha))
        // An HA node unseals only once it leads.
        .compose(
            vault -> (ha.haEnabled() ? vault.seal.startSealed() : vault.seal.start()).map(vault));
  }

  /** The seal as requests see it: sealed until what lives in the barrier has been loaded. */
  SealState sealState() {
    return loadedSeal;
  }

  /** HA standby: unwraps the keyring through the HSM once and drops it; see VaultSeal. */
  Future<Void> probeUnseal() {
    return seal.probeUnseal();
  }

  /** Reads again whether another node initialised the vault (for an HA standby). */
  Future<Boolean> refreshInitialized() {
    return seal.refreshInitialized();
  }

  /** The server's parts; {@code serverSys} are the listener's own sys operations. */
  ServerParts parts() {
    return parts(List.of());
  }

  /** As {@link #parts()}, with route filters run before the pipeline (HA forwarding). */
  ServerParts parts(List<Handler<RoutingContext>> filters) {
    return new ServerParts(
        sealState(),
        () -> ha.haEnabled() && !ha.isActive(),
        new TokenAuthenticator(tokens),
        policies.authorizer(),
        audit.log(),
        serverSys -> {
          List<Operation<?>> sys = new ArrayList<>(serverSys);
          sys.addAll(systemOperations);
          mounts.addBuiltIn("sys/", "system", "system endpoints", sys);
          mounts.addBuiltIn("identity/", "identity", "identity store", logins.identityOperations());
          logins.addTokenMethod();
          return routes();
        },
        this::close,
        tls -> {},
        filters);
  }

  /** Paths below {@code auth/} are served by the auth table, every other by the mount table. */
  private OperationLookup routes() {
    return path -> path.startsWith(MountKind.AUTH_PREFIX) ? auths.find(path) : mounts.find(path);
  }

  /**
   * Dev mode: initialises (or unseals) the vault, makes {@code rootTokenId} a root token and mounts
   * {@code secret/} as KV version 2, as {@code vault server -dev} does, plus {@code transit/} and
   * {@code pki/} with a root CA and the ready roles {@code core-server} and {@code cell-server}. A
   * vault that exists but does not unseal (its HSM token or KEK is missing) leaves the server up
   * sealed, like a configured one; the same set-up then runs once it unseals (the token came back,
   * or a recovery restore).
   */
  Future<Void> initializeForDev(String rootTokenId) {
    boolean existed = loadedSeal.isInitialized();
    return devSetUp(rootTokenId)
        .recover(
            e -> {
              if (!existed || !loadedSeal.isSealed()) {
                return Future.failedFuture(e);
              }
              LOG.log(
                  Level.WARNING,
                  "dev mode: the vault in the data directory does not unseal ("
                      + e.getMessage()
                      + "); staying up sealed until its HSM token is back or a recovery restore");
              AtomicBoolean done = new AtomicBoolean();
              onLoaded(
                  () -> {
                    if (done.compareAndSet(false, true)) {
                      devSetUp(rootTokenId)
                          .onFailure(f -> LOG.log(Level.ERROR, "dev mode set-up failed", f));
                    }
                  });
              return Future.succeededFuture();
            });
  }

  private Future<Void> devSetUp(String rootTokenId) {
    return init.initializeForDev(rootTokenId)
        .compose(v -> lifecycle.awaitActive())
        .compose(v -> secrets.ensureDevMounts());
  }

  /**
   * Certificates ([0]) and revocation entries ([1]) stored over all pki mounts, for the metrics.
   */
  long[] pkiStoredCounts() {
    return secrets.pkiStoredCounts();
  }

  /** The PKI engine mounted at {@code path} (e.g. {@code pki/}) while the vault is loaded. */
  Optional<PkiEngine> pkiEngine(String path) {
    return secrets.pkiEngine(path);
  }

  /** The backups facts of the compliance report (the snapshot assembly is built after it). */
  private Future<io.vertx.core.json.JsonObject> snapshotComplianceFacts() {
    return snapshots.complianceFacts();
  }

  /** Snapshots, their schedules and metrics. */
  SnapshotAssembly snapshots() {
    return snapshots;
  }

  /** Runs {@code listener} each time the vault becomes active (on a Vert.x thread). */
  void onLoaded(Runnable listener) {
    lifecycle.onActive(listener);
  }

  /** The lifecycle that seal and unseal, HA and restore drive. */
  VaultLifecycle lifecycle() {
    return lifecycle;
  }

  /** Policies, mounts, auth methods and audit devices: loaded after unseal, dropped before seal. */
  private VaultLifecycle.BarrierResidents residents() {
    return new VaultLifecycle.BarrierResidents() {
      @Override
      public Future<Void> load() {
        tokens.clearCache();
        return policies
            .load()
            .compose(v -> mounts.load())
            .compose(v -> auths.load())
            .compose(v -> audit.restore())
            .onSuccess(v -> sweeper.start());
      }

      @Override
      public void unload() {
        sweeper.stop();
        mounts.unload();
        logins.unload();
        tokens.clearCache();
      }
    };
  }

  /**
   * Seals, runs {@code replace} (a snapshot restore swapping the whole store), then unseals and
   * loads mounts, keys, policies and tokens again as after an unseal; completes once loaded, or
   * once the unseal failed (the vault then stays sealed, e.g. awaiting {@code sys/recovery/restore}
   * on a new HSM token).
   */
  <T> Future<T> reloadAfterRestore(Supplier<Future<T>> replace) {
    return seal.resealAround(replace)
        .compose(
            result ->
                seal.isSealed()
                    ? Future.succeededFuture(result)
                    : lifecycle.awaitActive().map(result));
  }

  private Future<Void> loadShippedPolicies() {
    return vertx
        .executeBlocking(BuiltInPolicies::read, false)
        .compose(policies::loadShipped)
        .onSuccess(added -> LOG.log(Level.INFO, "loaded shipped policies " + added))
        .mapEmpty();
  }

  /** Stops background work, seals in memory and closes storage and the HSM gateway. */
  Future<Void> close() {
    sweeper.stop();
    logins.close();
    return audit
        .close()
        .transform(ignored -> seal.stop())
        .eventually(
            () ->
                vertx.executeBlocking(
                    () -> {
                      seal.close();
                      storage.close();
                      hsm.close();
                      return null;
                    },
                    false))
        .mapEmpty();
  }

  private static RootTokenIssuer rootTokens(TokenStore tokens) {
    return new RootTokenIssuer() {
      @Override
      public Future<String> issueRootToken() {
        return tokens.issueRootToken();
      }

      @Override
      public Future<String> issueRootToken(String id) {
        return tokens.issueRootToken(id);
      }
    };
  }
}
