package org.keyward.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.util.IPAddress;
import org.keyward.engine.pki.IssuedKeyPair;
import org.keyward.engine.pki.PkiEngine;
import org.keyward.http.ApiError;

/**
 * Gives the HTTPS listener a certificate from Keyward's own PKI and renews it before it expires,
 * without a restart: once the listener is bound and the vault loaded, it issues itself a
 * certificate from {@code tls_pki_role} (key pair made in Keyward, held in memory only), swaps it
 * into every listener, and issues the next at two thirds of its lifetime. Until the first one, the
 * listener serves its start-up certificate (self-made or configured); a failed issuance (sealed,
 * role missing, name refused) is logged and retried, and the current certificate stays.
 */
final class ListenerCertificateRenewal {
  private static final System.Logger LOG =
      System.getLogger(ListenerCertificateRenewal.class.getName());
  static final Duration RETRY_DELAY = Duration.ofSeconds(10);
  private static final Duration MIN_DELAY = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final ListenerPkiSettings settings;
  private final Function<String, Optional<PkiEngine>> engines;
  private final String listenHost;
  private final Clock clock;
  private ListenerTls listeners;
  private boolean inFlight;
  private boolean serving;
  private boolean stopped;
  private long timer = -1;

  /**
   * @param engines the PKI engine mounted at a path such as {@code pki/}, if loaded
   * @param listenAddress its host joins the certificate's SANs (IP or DNS) unless a wildcard
   */
  ListenerCertificateRenewal(
      Vertx vertx,
      ListenerPkiSettings settings,
      Function<String, Optional<PkiEngine>> engines,
      ListenAddress listenAddress,
      Clock clock) {
    this.vertx = vertx;
    this.settings = settings;
    this.engines = engines;
    this.listenHost = listenAddress.isWildcard() ? "" : listenAddress.host();
    this.clock = clock;
  }

  /**
   * The parts of {@code vault} with this renewal attached when {@code config} sets {@code
   * tls_pki_role}: it starts once the listeners are bound, is nudged after every load of the vault,
   * and stops before the vault closes.
   */
  static ServerParts attach(Vertx vertx, ServerConfig config, KeywardVault vault, Clock clock) {
    return attach(vertx, config, vault, clock, List.of());
  }

  /** As above, the vault's parts with route {@code filters} (HA). */
  static ServerParts attach(
      Vertx vertx,
      ServerConfig config,
      KeywardVault vault,
      Clock clock,
      List<Handler<RoutingContext>> filters) {
    ServerParts parts = vault.parts(filters);
    if (config.tlsPki().isEmpty()) {
      return parts;
    }
    ListenerCertificateRenewal renewal =
        new ListenerCertificateRenewal(
            vertx, config.tlsPki().get(), vault::pkiEngine, config.listenAddress(), clock);
    vault.onLoaded(renewal::vaultLoaded);
    return new ServerParts(
        parts.seal(),
        parts.standby(),
        parts.authenticator(),
        parts.authorizer(),
        parts.audit(),
        parts.lookup(),
        () -> {
          renewal.stop();
          return parts.shutdown().get();
        },
        renewal::start,
        parts.filters());
  }

  /** The listeners are bound: issue the first certificate now. */
  synchronized void start(ListenerTls bound) {
    this.listeners = bound;
    renewNow();
  }

  /** The vault was (re)loaded after an unseal: issue now unless a PKI certificate is served. */
  synchronized void vaultLoaded() {
    if (listeners != null && !serving) {
      renewNow();
    }
  }

  synchronized void stop() {
    stopped = true;
    cancelTimer();
  }

  private synchronized void renewNow() {
    if (stopped || inFlight) {
      return;
    }
    cancelTimer();
    inFlight = true;
    Instant issuedAt = clock.instant();
    issue()
        .compose(
            issued -> listeners.useCertificate(keyCertOptions(issued)).map(issued.certificate()))
        .onComplete(
            ar -> {
              synchronized (this) {
                inFlight = false;
                if (ar.succeeded()) {
                  serving = true;
                  X509Certificate certificate = ar.result();
                  LOG.log(
                      Level.INFO,
                      "listener now serves PKI certificate serial "
                          + certificate.getSerialNumber().toString(16)
                          + " from "
                          + settings.mount()
                          + "/issue/"
                          + settings.role()
                          + ", valid until "
                          + certificate.getNotAfter().toInstant());
                  schedule(renewalDelay(issuedAt, certificate.getNotAfter().toInstant()));
                } else {
                  LOG.log(
                      Level.WARNING,
                      "cannot issue the listener's certificate from "
                          + settings.mount()
                          + "/issue/"
                          + settings.role()
                          + ": "
                          + describe(ar.cause())
                          + "; retrying in "
                          + RETRY_DELAY.toSeconds()
                          + " s");
                  schedule(RETRY_DELAY);
                }
              }
            });
  }

  private Future<IssuedKeyPair> issue() {
    Optional<PkiEngine> engine = engines.apply(settings.mount() + "/");
    if (engine.isEmpty()) {
      return Future.failedFuture(
          ApiError.unavailable("no PKI engine is loaded at " + settings.mount() + "/"));
    }
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    if (IPAddress.isValid(listenHost)) {
      ips.add(listenHost);
    } else if (!listenHost.isEmpty() && !listenHost.equalsIgnoreCase(settings.commonName())) {
      dns.add(listenHost);
    }
    return engine
        .get()
        .issueKeyPair(settings.role(), settings.commonName(), dns, ips, settings.ttl());
  }

  /**
   * Two thirds of the lifetime counted from issuance (not from notBefore, which is backdated),
   * never less than a second, so a certificate clamped to a CA about to expire cannot spin.
   */
  static Duration renewalDelay(Instant issuedAt, Instant notAfter) {
    Duration lifetime = Duration.between(issuedAt, notAfter);
    Duration delay = lifetime.multipliedBy(2).dividedBy(3);
    return delay.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : delay;
  }

  private void schedule(Duration delay) {
    if (stopped) {
      return;
    }
    timer =
        vertx.setTimer(
            delay.toMillis(),
            id -> {
              synchronized (this) {
                timer = -1;
              }
              renewNow();
            });
  }

  private void cancelTimer() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** PEM in memory only: the chain (leaf first) and the PKCS#8 key; nothing touches the disk. */
  static KeyCertOptions keyCertOptions(IssuedKeyPair issued) {
    StringBuilder chain = new StringBuilder();
    List<X509Certificate> certificates = new ArrayList<>();
    certificates.add(issued.certificate());
    certificates.addAll(issued.issuerChain());
    try {
      for (X509Certificate certificate : certificates) {
        chain.append(pem("CERTIFICATE", certificate.getEncoded()));
      }
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("an issued certificate cannot be encoded", e);
    }
    return new PemKeyCertOptions()
        .setCertValue(Buffer.buffer(chain.toString()))
        .setKeyValue(Buffer.buffer(pem("PRIVATE KEY", issued.privateKey().getEncoded())));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** A public description of a failure: an ApiError's messages, else only the type. */
  private static String describe(Throwable e) {
    return e instanceof ApiError api
        ? api.status() + " " + String.join("; ", api.messages())
        : e.getClass().getSimpleName();
  }
}
