package org.keyward.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keyward.auth.TokenStore;
import org.keyward.auth.cert.CertLoginTokens;
import org.keyward.barrier.Barrier;
import org.keyward.barrier.HsmGateway;
import org.keyward.engine.BackendFactory;
import org.keyward.engine.MountEntry;
import org.keyward.engine.kv.KvEngineFactory;
import org.keyward.engine.pki.PkiEngine;
import org.keyward.engine.pki.PkiEngineFactory;
import org.keyward.engine.transit.TransitEngineFactory;
import org.keyward.sys.MountTable;

/**
 * The secrets engines (KV, transit, PKI) and the mount table that serves them, with what the rest
 * of the server asks of the PKI mounts: revocation for cert login, stored counts for metrics and
 * the dev-mode mounts.
 */
final class SecretsAssembly {
  private final TokenStore tokens;
  private final List<BackendFactory> engines;
  private final MountTable mounts;

  SecretsAssembly(
      Vertx vertx, Barrier barrier, HsmGateway hsm, String systemView, TokenStore tokens) {
    this.tokens = tokens;
    this.engines =
        List.of(
            new KvEngineFactory(),
            new TransitEngineFactory(new HsmAeadKeyCustody(hsm)),
            new PkiEngineFactory(new HsmCaKeyCustody(hsm), this::revokeCertificateTokens));
    this.mounts = new MountTable(vertx, barrier.view(systemView), barrier::view, engines);
  }

  /** The engine factories, for building copies of the engines (snapshot drills). */
  List<BackendFactory> engines() {
    return engines;
  }

  MountTable mounts() {
    return mounts;
  }

  /**
   * Dev mode's mounts, as {@code vault server -dev} has them plus transit and PKI: {@code secret/}
   * as KV version 2, {@code transit/}, and {@code pki/} with a root CA and the ready roles {@code
   * core-server} and {@code cell-server}.
   */
  Future<Void> ensureDevMounts() {
    return mounts
        .ensureDefault("secret/", "kv", Map.of("version", "2"))
        .compose(v -> mounts.ensureDefault("transit/", "transit", Map.of()))
        .compose(v -> mounts.ensureDefault("pki/", "pki", Map.of()))
        .compose(
            v ->
                pkiEngine("pki/")
                    .orElseThrow(() -> new IllegalStateException("pki/ is not a pki mount"))
                    .ensureDevCa("Keyward Dev Root CA"));
  }

  /**
   * A certificate revoked in a pki mount takes the tokens a cert login obtained with it along
   * (Vault instead refuses their next renewal): a cut-off cell loses its access at once.
   */
  private Future<Void> revokeCertificateTokens(X509Certificate certificate) {
    return tokens.revokeByMetadata(CertLoginTokens.metadataOf(certificate)).mapEmpty();
  }

  /** Whether any pki mount of this server issued {@code certificate} and has revoked it. */
  Future<Boolean> isRevokedByOwnPki(X509Certificate certificate) {
    List<Future<PkiEngine.LocalStatus>> lookups = new ArrayList<>();
    for (MountEntry entry : mounts.backendMounts()) {
      pkiEngine(entry.path()).ifPresent(engine -> lookups.add(engine.localStatus(certificate)));
    }
    return Future.all(lookups)
        .map(all -> lookups.stream().anyMatch(f -> f.result() == PkiEngine.LocalStatus.REVOKED));
  }

  /**
   * Certificates ([0]) and revocation entries ([1]) stored over all pki mounts, as last counted
   * (see {@link PkiEngine#storedCounts()}), for the metrics.
   */
  long[] pkiStoredCounts() {
    long[] sum = new long[2];
    for (MountEntry entry : mounts.backendMounts()) {
      pkiEngine(entry.path())
          .ifPresent(
              engine -> {
                long[] counts = engine.storedCounts();
                sum[0] += Math.max(0, counts[0]);
                sum[1] += Math.max(0, counts[1]);
              });
    }
    return sum;
  }

  /** The PKI engine mounted at {@code path} (e.g. {@code pki/}) while the vault is loaded. */
  Optional<PkiEngine> pkiEngine(String path) {
    return mounts.backend(path).filter(PkiEngine.class::isInstance).map(PkiEngine.class::cast);
  }
}
