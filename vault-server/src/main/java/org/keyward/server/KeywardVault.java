package org.keyward.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.keyward.audit.AuditDirectory;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.LoginTokenIssuer;
import org.keyward.auth.TokenAuthenticator;
import org.keyward.auth.TokenExpirySweeper;
import org.keyward.auth.TokenRoutes;
import org.keyward.auth.TokenStore;
import org.keyward.auth.TokenStoreLoginIssuer;
import org.keyward.auth.TokenStoreLoginIssuer.MountTtls;
import org.keyward.auth.approle.AppRoleFactory;
import org.keyward.auth.cert.CertAuthFactory;
import org.keyward.auth.identity.EntityStore;
import org.keyward.auth.identity.IdentityRoutes;
import org.keyward.auth.mfa.LoginMfa;
import org.keyward.auth.userpass.UserpassFactory;
import org.keyward.barrier.Barrier;
import org.keyward.barrier.BarrierLimits;
import org.keyward.barrier.KeyringAdmin;
import org.keyward.barrier.Reencryptor;
import org.keyward.barrier.SealControl;
import org.keyward.barrier.SealState;
import org.keyward.barrier.VaultSeal;
import org.keyward.engine.EngineFactory;
import org.keyward.engine.kv.KvEngineFactory;
import org.keyward.engine.pki.PkiEngine;
import org.keyward.engine.pki.PkiEngineFactory;
import org.keyward.engine.transit.TransitEngineFactory;
import org.keyward.hsm.KeyProvider;
import org.keyward.http.Operation;
import org.keyward.http.OperationLookup;
import org.keyward.policy.CapabilitiesRoutes;
import org.keyward.policy.PolicyRoutes;
import org.keyward.policy.PolicyStore;
import org.keyward.storage.Storage;
import org.keyward.sys.MountKind;
import org.keyward.sys.MountTable;
import org.keyward.sys.NodeIdentity;
import org.keyward.sys.RootTokenIssuer;
import org.keyward.sys.ServerIdentity;
import org.keyward.sys.SysAuthRoutes;
import org.keyward.sys.SysInitRoutes;
import org.keyward.sys.SysInternalUiRoutes;
import org.keyward.sys.SysMountsRoutes;
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
  static final String IDENTITY_VIEW = "sys/identity/";
  static final String MFA_VIEW = "sys/identity-mfa/";

  /** Argon2id threads: each hash holds 19 MiB and a core, so a login flood stays bounded. */
  private static final int PASSWORD_HASH_THREADS = 2;

  private final Vertx vertx;
  private final Storage storage;
  private final KeyProvider provider;
  private final VaultSeal seal;
  private final TokenStore tokens;
  private final PolicyStore policies;
  private final MountTable mounts;
  private final MountTable auths;
  private final TokenExpirySweeper sweeper;
  private final SysInitRoutes init;
  private final SealControl loadedSeal;
  private final AuditAssembly audit;
  private final WorkerExecutor passwordHashing;
  private final List<Operation<?>> identityOperations = new ArrayList<>();
  private final List<Operation<?>> systemOperations = new ArrayList<>();
  private final List<Runnable> loadedListeners = new CopyOnWriteArrayList<>();
  private volatile boolean loaded;
  private Future<Void> loading;

  private KeywardVault(
      Vertx vertx,
      Storage storage,
      KeyProvider provider,
      AuditDirectory auditDirectory,
      NodeIdentity node,
      LoginLockout lockout,
      Clock clock) {
    this.vertx = vertx;
    this.storage = storage;
    this.provider = provider;
    Barrier barrier = new Barrier(storage, BarrierLimits.DEFAULT);
    this.seal =
        new VaultSeal(
            vertx, storage, provider, barrier, clock, Duration.ofSeconds(1), Duration.ofMinutes(1));
    Reencryptor reencryptor = new Reencryptor(storage, barrier, clock, 100);
    seal.addListener(reencryptor);
    KeyringAdmin keys = new KeyringAdmin(seal, reencryptor, clock);
    this.tokens = new TokenStore(barrier.view(TOKEN_VIEW), clock);
    this.policies = new PolicyStore(barrier.view(POLICY_VIEW));
    List<EngineFactory> engines =
        List.of(
            new KvEngineFactory(),
            new TransitEngineFactory(new HsmAeadKeyCustody(vertx, provider)),
            new PkiEngineFactory(new HsmCaKeyCustody(vertx, provider)));
    this.mounts = new MountTable(vertx, barrier.view(SYSTEM_VIEW), barrier::view, engines);
    LoginTokenIssuer tokenIssuer = new TokenStoreLoginIssuer(tokens, this::authMountTtls);
    // Every login goes through the MFA gate: it ties the token to an identity entity and holds it
    // back while a login MFA enforcement asks for a second factor.
    EntityStore entities = new EntityStore(barrier.view(IDENTITY_VIEW), clock);
    LoginMfa mfa =
        new LoginMfa(
            barrier.view(MFA_VIEW),
            entities,
            tokenIssuer,
            this::authMountServing,
            clock,
            LoginMfa.defaultRequestTtl());
    LoginTokenIssuer issuer = mfa.gate();
    this.passwordHashing = vertx.createSharedWorkerExecutor("password-hash", PASSWORD_HASH_THREADS);
    this.auths =
        new MountTable(
            vertx,
            MountKind.AUTH,
            barrier.view(SYSTEM_VIEW),
            barrier::view,
            List.of(
                new AppRoleFactory(issuer, lockout, clock),
                new CertAuthFactory(issuer, lockout, clock),
                new UserpassFactory(issuer, lockout, passwordHashing)));
    identityOperations.addAll(new IdentityRoutes(entities).operations());
    identityOperations.addAll(mfa.identityOperations());
    // Disabling a login method revokes every token it issued (and their children), as Vault does.
    auths.afterUnmount(e -> tokens.revokeByPathPrefix(e.path()).mapEmpty());
    this.sweeper = new TokenExpirySweeper(vertx, tokens, Duration.ofMinutes(1).toMillis());
    this.loadedSeal = new LoadingSealControl(seal, () -> loaded, this::awaitLoaded);
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
    systemOperations.addAll(new SysRotateRoutes(keys, reencryptor).operations());
    systemOperations.addAll(new SysMountsRoutes(mounts).operations());
    systemOperations.addAll(new SysAuthRoutes(auths).operations());
    systemOperations.addAll(new SysInternalUiRoutes(mounts, auths).operations());
    systemOperations.addAll(new PolicyRoutes(policies).operations());
    systemOperations.addAll(new CapabilitiesRoutes(policies.authorizer()).operations());
    systemOperations.addAll(mfa.sysOperations());
    this.audit = new AuditAssembly(vertx, barrier.view(AUDIT_VIEW), auditDirectory, provider);
    systemOperations.addAll(audit.operations());
    seal.addListener(
        new SealControl.Listener() {
          @Override
          public void unsealed() {
            vertx.runOnContext(v -> loadAfterUnseal());
          }

          @Override
          public void sealing() {
            loaded = false;
            mounts.unload();
            auths.unload();
            tokens.clearCache();
          }
        });
  }

  /**
   * Builds the parts and starts the seal: unseals through the HSM if it can. File audit devices are
   * confined to {@code auditDir}.
   */
  static Future<KeywardVault> open(
      Vertx vertx,
      Storage storage,
      KeyProvider provider,
      Path auditDir,
      NodeIdentity node,
      LoginLockout lockout,
      Clock clock) {
    return vertx
        .executeBlocking(
            () -> {
              OwnerOnlyFiles.createPrivateDirectory(auditDir);
              return new AuditDirectory(auditDir);
            },
            false)
        .map(dir -> new KeywardVault(vertx, storage, provider, dir, node, lockout, clock))
        .compose(vault -> vault.seal.start().map(vault));
  }

  /** The seal as requests see it: sealed until what lives in the barrier has been loaded. */
  SealState sealState() {
    return loadedSeal;
  }

  /** The server's parts; {@code serverSys} are the listener's own sys operations. */
  ServerParts parts() {
    return new ServerParts(
        sealState(),
        () -> false,
        new TokenAuthenticator(tokens),
        policies.authorizer(),
        audit.log(),
        serverSys -> {
          List<Operation<?>> sys = new ArrayList<>(serverSys);
          sys.addAll(systemOperations);
          mounts.addBuiltIn("sys/", "system", "system endpoints", sys);
          mounts.addBuiltIn("identity/", "identity", "identity store", identityOperations);
          auths.addBuiltIn(
              TokenRoutes.MOUNT_PATH,
              TokenRoutes.MOUNT_TYPE,
              "token based credentials",
              new TokenRoutes(tokens).operations());
          return routes();
        },
        this::close);
  }

  /** The auth mount serving a login path, for the MFA gate's aliases and enforcements. */
  private Optional<org.keyward.engine.MountEntry> authMountServing(String loginPath) {
    return auths.mountServing(loginPath);
  }

  /** The TTLs the auth mount serving a login path is tuned to (read at each login). */
  private MountTtls authMountTtls(String loginPath) {
    return auths
        .mountServing(loginPath)
        .map(e -> new MountTtls(e.defaultLeaseTtl(), e.maxLeaseTtl()))
        .orElse(MountTtls.NONE);
  }

  /** Paths below {@code auth/} are served by the auth table, every other by the mount table. */
  private OperationLookup routes() {
    return path -> path.startsWith(MountKind.AUTH_PREFIX) ? auths.find(path) : mounts.find(path);
  }

  /**
   * Dev mode: initialises (or unseals) the vault, makes {@code rootTokenId} a root token and mounts
   * {@code secret/} as KV version 2, as {@code vault server -dev} does, plus {@code transit/} and
   * {@code pki/} with a root CA and the ready roles {@code core-server} and {@code cell-server}.
   */
  Future<Void> initializeForDev(String rootTokenId) {
    return init.initializeForDev(rootTokenId)
        .compose(v -> awaitLoaded())
        .compose(v -> mounts.ensureDefault("secret/", "kv", Map.of("version", "2")))
        .compose(v -> mounts.ensureDefault("transit/", "transit", Map.of()))
        .compose(v -> mounts.ensureDefault("pki/", "pki", Map.of()))
        .compose(
            v ->
                pkiEngine("pki/")
                    .orElseThrow(() -> new IllegalStateException("pki/ is not a pki mount"))
                    .ensureDevCa("Keyward Dev Root CA"));
  }

  /** The PKI engine mounted at {@code path} (e.g. {@code pki/}) while the vault is loaded. */
  Optional<PkiEngine> pkiEngine(String path) {
    return mounts.engine(path).filter(PkiEngine.class::isInstance).map(PkiEngine.class::cast);
  }

  /** Runs {@code listener} after every load that follows an unseal (on a Vert.x thread). */
  void onLoaded(Runnable listener) {
    loadedListeners.add(listener);
  }

  private Future<Void> awaitLoaded() {
    if (loaded) {
      return Future.succeededFuture();
    }
    return loadAfterUnseal();
  }

  /** Loads policies and mounts after an unseal; once done, requests are let through. */
  private synchronized Future<Void> loadAfterUnseal() {
    if (loaded) {
      return Future.succeededFuture();
    }
    if (loading == null) {
      tokens.clearCache();
      loading =
          policies
              .load()
              .compose(v -> mounts.load())
              .compose(v -> auths.load())
              .compose(v -> audit.restore())
              .onSuccess(
                  v -> {
                    loaded = true;
                    sweeper.start();
                    LOG.log(Level.INFO, "vault unsealed and loaded");
                    loadedListeners.forEach(Runnable::run);
                  })
              .onFailure(e -> LOG.log(Level.ERROR, "loading after unseal failed", e))
              .eventually(
                  () -> {
                    synchronized (this) {
                      loading = null;
                    }
                    return Future.succeededFuture();
                  });
    }
    return loading;
  }

  private Future<Void> loadShippedPolicies() {
    return vertx
        .executeBlocking(BuiltInPolicies::read, false)
        .compose(policies::loadShipped)
        .onSuccess(added -> LOG.log(Level.INFO, "loaded shipped policies " + added))
        .mapEmpty();
  }

  /** Stops background work, seals in memory and closes storage and the HSM. */
  Future<Void> close() {
    sweeper.stop();
    passwordHashing.close();
    return audit
        .close()
        .transform(ignored -> seal.stop())
        .eventually(
            () ->
                vertx.executeBlocking(
                    () -> {
                      seal.close();
                      storage.close();
                      provider.close();
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
