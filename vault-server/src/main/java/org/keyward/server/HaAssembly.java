package org.keyward.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.keyward.ha.Activation;
import org.keyward.ha.LeaderElection;
import org.keyward.ha.NodeForwardedIdentity;
import org.keyward.ha.RequestForwarder;
import org.keyward.storage.postgres.PostgresLeaderLease;
import org.keyward.storage.postgres.PostgresOptions;
import org.keyward.storage.postgres.PostgresStorage;

/**
 * The HA parts of a node, wired: the lease on PostgreSQL (its fence installed in the storage), the
 * election that drives the vault's lifecycle, the forwarding of a standby's requests to the active
 * over mTLS, the check of forwarded client identities, and the metrics {@code keyward_ha_active}
 * and {@code keyward_ha_leadership_changes_total}.
 */
final class HaAssembly {
  private static final System.Logger LOG = System.getLogger(HaAssembly.class.getName());
  static final long FORWARD_TIMEOUT_MILLIS = 30_000;

  private final Vertx vertx;
  private final PostgresLeaderLease lease;
  private final LeaderElection election;
  private final HttpClient forwardingClient;
  private final List<Handler<RoutingContext>> filters;
  private final AtomicReference<KeywardVault> vault = new AtomicReference<>();
  private long standbyTimer = -1;
  private volatile boolean probed;
  private volatile boolean probing;

  private HaAssembly(
      Vertx vertx, ServerConfig config, PostgresLeaderLease lease, List<X509Certificate> nodeCas) {
    this.vertx = vertx;
    this.lease = lease;
    this.election =
        new LeaderElection(
            vertx, lease, config.ha().apiAddr(), activation(), LeaderElection.Timing.DEFAULT);
    this.forwardingClient =
        vertx.createHttpClient(clientOptions(config), new PoolOptions().setHttp1MaxSize(32));
    this.filters =
        List.of(
            new NodeForwardedIdentity(nodeCas),
            new RequestForwarder(election, forwardingClient, FORWARD_TIMEOUT_MILLIS));
  }

  /** Opens the lease and fences {@code storage} with it; reads the node CA (blocking, briefly). */
  static Future<HaAssembly> open(
      Vertx vertx,
      ServerConfig config,
      PostgresStorage storage,
      PostgresOptions options,
      String nodeId) {
    return vertx
        .executeBlocking(() -> readCertificates(nodeCaFile(config)), false)
        .compose(
            cas ->
                PostgresLeaderLease.open(vertx, options, nodeId)
                    .map(
                        lease -> {
                          storage.fenceWith(lease);
                          return new HaAssembly(vertx, config, lease, cas);
                        }));
  }

  LeaderElection election() {
    return election;
  }

  List<Handler<RoutingContext>> filters() {
    return filters;
  }

  /** Starts contending for leadership on behalf of {@code built}. */
  void start(KeywardVault built, MeterRegistry registry) {
    vault.set(built);
    Gauge.builder("keyward_ha_active", election, e -> e.isActive() ? 1 : 0)
        .description("1 while this node is the active HA node, else 0")
        .register(registry);
    FunctionCounter.builder(
            "keyward_ha_leadership_changes", election, LeaderElection::leadershipChanges)
        .description("leadership this node won or lost")
        .register(registry);
    election.start();
    // A standby learns that another node initialised the cluster (for its seal status), and
    // unseals once through the HSM and drops the keyring, so the HSM is proven and warm before it
    // may have to take over.
    standbyTimer =
        vertx.setPeriodic(
            1000,
            id -> {
              if (election.isActive() || probed) {
                return;
              }
              if (!built.sealState().isInitialized()) {
                built.refreshInitialized();
              } else if (!probing) {
                probing = true;
                built
                    .probeUnseal()
                    .onComplete(
                        ar -> {
                          probing = false;
                          probed = ar.succeeded();
                          if (ar.failed()) {
                            LOG.log(
                                Level.WARNING,
                                "standby cannot unseal through the HSM: "
                                    + ar.cause().getMessage());
                          } else {
                            LOG.log(
                                Level.INFO, "standby unsealed through the HSM (keyring dropped)");
                          }
                        });
              }
            });
  }

  /** Gives up leadership (a standby takes over at once), then closes the lease connection. */
  Future<Void> stop() {
    if (standbyTimer >= 0) {
      vertx.cancelTimer(standbyTimer);
    }
    return election
        .stop()
        .eventually(() -> forwardingClient.close())
        .eventually(
            () ->
                vertx.executeBlocking(
                    () -> {
                      lease.close();
                      return null;
                    },
                    false))
        .mapEmpty();
  }

  private Activation activation() {
    return new Activation() {
      @Override
      public Future<Void> becomeActive() {
        KeywardVault v = vault.get();
        return v == null
            ? Future.failedFuture("not started")
            : v.refreshInitialized()
                .compose(
                    initialized ->
                        initialized
                            ? v.lifecycle().activate()
                            : Future.failedFuture("not initialised yet"));
      }

      @Override
      public Future<Void> becomeStandby() {
        KeywardVault v = vault.get();
        return v == null ? Future.succeededFuture() : v.lifecycle().stepDown();
      }
    };
  }

  private static Path nodeCaFile(ServerConfig config) {
    return config.ha().tlsCaFile().orElse(config.dataDir().resolve("tls").resolve("ca.pem"));
  }

  private static HttpClientOptions clientOptions(ServerConfig config) {
    Path cert = config.tlsCertFile().orElse(config.dataDir().resolve("tls").resolve("server.pem"));
    Path key =
        config.tlsKeyFile().orElse(config.dataDir().resolve("tls").resolve("server-key.pem"));
    return new HttpClientOptions()
        .setSsl(true)
        .setVerifyHost(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(nodeCaFile(config).toString()))
        .setKeyCertOptions(
            new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString()))
        .setEnabledSecureTransportProtocols(ListenerTlsPolicy.PROTOCOLS)
        .setKeepAlive(true);
  }

  private static List<X509Certificate> readCertificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> out = new ArrayList<>();
      CertificateFactory.getInstance("X.509")
          .generateCertificates(in)
          .forEach(c -> out.add((X509Certificate) c));
      if (out.isEmpty()) {
        throw new ConfigException("ha_tls_ca_file " + file + " holds no certificate");
      }
      return out;
    } catch (IOException | CertificateException e) {
      LOG.log(Level.DEBUG, "reading the node CA failed", e);
      throw new ConfigException("cannot read the HA node CA " + file + ": " + e.getMessage(), e);
    }
  }
}
