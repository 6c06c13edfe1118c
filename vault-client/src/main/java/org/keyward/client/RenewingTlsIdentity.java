package org.keyward.client;

import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A TLS key and certificate from a PKI role that renews itself: the key and certificate live in
 * memory only, and a fresh pair is issued at about two thirds of the current one's remaining
 * lifetime and swapped into the {@link #keyManager()} behind {@link #sslContext()}, so a listener
 * built once never serves an expired certificate. The context trusts the PKI's CA chain, for mTLS
 * between services holding such identities, and checks the peers' revocation against the PKI's CRL
 * as its {@link PeerRevocation} says (by default: refetched after 30 s, fail-closed). A failed
 * renewal is retried at a third of the certificate's remaining lifetime, and every 30 seconds once
 * it has expired. Close it to stop renewing. Thread-safe.
 */
public final class RenewingTlsIdentity implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RenewingTlsIdentity.class.getName());
  private static final Duration MIN_DELAY = Duration.ofMillis(200);
  // once the certificate has expired there is nothing left to divide: retry at a calm, fixed pace
  private static final Duration EXPIRED_RETRY = Duration.ofSeconds(30);

  private final AsyncPki pki;
  private final String role;
  private final CertificateRequest request;
  private final ScheduledExecutorService scheduler;
  private final Clock clock = Clock.systemUTC();
  private final SwappingKeyManager keyManager;
  private final List<X509Certificate> trustAnchors;
  private final SSLContext sslContext;
  private final List<Consumer<X509Certificate>> listeners = new CopyOnWriteArrayList<>();
  private RevocationCheckingTrustManager peerCheck;
  private volatile IssuedCertificate current;
  private volatile boolean closed;

  private RenewingTlsIdentity(
      AsyncPki pki,
      String role,
      CertificateRequest request,
      ScheduledExecutorService scheduler,
      IssuedCertificate first,
      PeerRevocation revocation) {
    this.pki = pki;
    this.role = role;
    this.request = request;
    this.scheduler = scheduler;
    this.current = first;
    this.keyManager = new SwappingKeyManager(first);
    this.trustAnchors = first.caChain();
    this.sslContext =
        TlsContexts.context(new KeyManager[] {keyManager}, trustManagers(pki, revocation));
  }

  /** The PKI's CA chain as trust, with the peers' revocation checked as {@code revocation} says. */
  private TrustManager[] trustManagers(AsyncPki pki, PeerRevocation revocation) {
    TrustManager[] chainOnly = TlsContexts.trustManagers(trustAnchors);
    if (!revocation.enabled()) {
      return chainOnly;
    }
    KeywardCrlCache crl = new KeywardCrlCache(pki::crl, trustAnchors, revocation.maxAge(), clock);
    TrustManager[] out = new TrustManager[chainOnly.length];
    for (int i = 0; i < chainOnly.length; i++) {
      out[i] =
          chainOnly[i] instanceof X509ExtendedTrustManager x509
              ? new RevocationCheckingTrustManager(x509, crl, revocation.isFailOpen())
              : chainOnly[i];
      if (out[i] instanceof RevocationCheckingTrustManager check) {
        peerCheck = check;
      }
    }
    return out;
  }

  /**
   * Checks the peer of an established connection against the CRL, as a handshake does. A resumed
   * TLS session skips the trust manager, so a server that accepts long-lived peers should call this
   * on each accepted connection; it throws if the peer is revoked (or, fail-closed, if no CRL can
   * be had), and does nothing under {@link PeerRevocation#none()}.
   */
  public void checkPeer(SSLSession session) throws SSLPeerUnverifiedException {
    if (peerCheck == null) {
      return;
    }
    java.security.cert.Certificate[] chain = session.getPeerCertificates();
    X509Certificate[] x509 = new X509Certificate[chain.length];
    for (int i = 0; i < chain.length; i++) {
      x509[i] = (X509Certificate) chain[i];
    }
    try {
      peerCheck.notRevoked(x509);
    } catch (java.security.cert.CertificateException e) {
      throw new SSLPeerUnverifiedException(e.getMessage());
    }
  }

  static CompletableFuture<RenewingTlsIdentity> start(
      AsyncPki pki,
      String role,
      CertificateRequest request,
      ScheduledExecutorService scheduler,
      PeerRevocation revocation) {
    Instant asked = Instant.now();
    return pki.issue(role, request)
        .thenApply(
            first -> {
              RenewingTlsIdentity identity =
                  new RenewingTlsIdentity(pki, role, request, scheduler, first, revocation);
              identity.scheduleRenewal(asked, first.certificate());
              return identity;
            });
  }

  /**
   * A TLS context presenting the current certificate, trusting the PKI's CA chain and refusing
   * revoked peers.
   */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** The key manager behind {@link #sslContext()}, for servers that build their own context. */
  public X509ExtendedKeyManager keyManager() {
    return keyManager;
  }

  /** The certificate served now. */
  public X509Certificate certificate() {
    return current.certificate();
  }

  /** The CA chain the first certificate came with (what peers should trust). */
  public List<X509Certificate> trustAnchors() {
    return trustAnchors;
  }

  /** Calls {@code listener} with each new certificate, after it is in place. */
  public void onRenewal(Consumer<X509Certificate> listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    closed = true;
  }

  /**
   * Renews at two thirds of the time from when the certificate was asked for to its notAfter (its
   * notBefore is backdated for clock skew, so it would put the renewal too late).
   */
  private void scheduleRenewal(Instant asked, X509Certificate certificate) {
    Instant notAfter = certificate.getNotAfter().toInstant();
    Duration life = Duration.between(asked, notAfter);
    schedule(Duration.between(clock.instant(), asked.plus(life.multipliedBy(2).dividedBy(3))));
  }

  private void schedule(Duration delay) {
    if (closed || scheduler.isShutdown()) {
      return;
    }
    long ms = Math.max(delay.toMillis(), MIN_DELAY.toMillis());
    try {
      scheduler.schedule(this::renew, ms, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the client was closed: renewals end with it
    }
  }

  private void renew() {
    if (closed) {
      return;
    }
    Instant asked = clock.instant();
    pki.issue(role, request)
        .whenComplete(
            (issued, error) -> {
              if (error != null) {
                Throwable cause = Futures.cause(error);
                LOG.log(Level.WARNING, "TLS certificate renewal failed: " + cause.getMessage());
                Instant end = current.certificate().getNotAfter().toInstant();
                Duration left = Duration.between(clock.instant(), end);
                schedule(left.isNegative() || left.isZero() ? EXPIRED_RETRY : left.dividedBy(3));
                return;
              }
              keyManager.swap(issued);
              current = issued;
              forgetSessions();
              scheduleRenewal(asked, issued.certificate());
              listeners.forEach(l -> l.accept(issued.certificate()));
            });
  }

  /**
   * Drops cached TLS sessions, which were authenticated with the old certificate: a peer resuming
   * one would otherwise keep a connection on a certificate that is about to expire.
   */
  private void forgetSessions() {
    for (SSLSessionContext context :
        List.of(sslContext.getServerSessionContext(), sslContext.getClientSessionContext())) {
      for (byte[] id : Collections.list(context.getIds())) {
        SSLSession session = context.getSession(id);
        if (session != null) {
          session.invalidate();
        }
      }
    }
  }

  @Override
  public String toString() {
    return "RenewingTlsIdentity[" + role + ", serial " + current.serialNumber() + "]";
  }
}
