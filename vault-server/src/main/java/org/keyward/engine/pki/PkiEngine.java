package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.keyward.engine.ComplianceFacts;
import org.keyward.engine.DrillCheck;
import org.keyward.engine.MountedBackend;
import org.keyward.http.Operation;
import org.keyward.http.Operation.Flag;
import org.keyward.http.RequestContext;
import org.keyward.view.StorageView;

/**
 * Vault's PKI engine with CA keys in custody (the HSM): root and intermediate CAs, roles, issue and
 * sign, revocation with a CRL and an OCSP responder, URL/CRL/auto-tidy settings, and the public CA,
 * CRL and OCSP paths, with Vault's paths and JSON so {@code vault} and Spring Vault's {@code
 * VaultPkiTemplate} work unchanged. Certificates are built with Bouncy Castle on worker threads;
 * nothing here blocks an event loop.
 */
public final class PkiEngine implements MountedBackend, ComplianceFacts, DrillCheck {
  private static final Duration DEV_ROOT_TTL = Duration.ofDays(3650);

  private final PkiStore store;
  private final PkiRootRoutes root;
  private final PkiRoleRoutes roles;
  private final PkiIssueRoutes issue;
  private final PkiRevocationRoutes revocation;
  private final PkiCaRoutes ca;
  private final PkiConfigRoutes config;
  private final PkiOcspRoutes ocsp;
  private final PkiBackground background;
  private final PkiDrill drill;

  /** As below, telling no one of revocations (tests of the engine alone). */
  public PkiEngine(Vertx vertx, StorageView storage, CaKeyCustody custody, Clock clock) {
    this(vertx, storage, custody, clock, RevocationListener.NONE);
  }

  /**
   * @param storage the mount's own view
   * @param custody where CA keys are made and used
   * @param clock stamps validity, revocation and CRL times
   * @param listener told of each revocation once it is stored and on the CRL
   */
  public PkiEngine(
      Vertx vertx,
      StorageView storage,
      CaKeyCustody custody,
      Clock clock,
      RevocationListener listener) {
    this.store = new PkiStore(storage);
    PkiWorker worker = new PkiWorker(vertx);
    PkiCrl crl = new PkiCrl(store, custody, worker, clock);
    PkiTidy tidy = new PkiTidy(store, crl, clock);
    this.root = new PkiRootRoutes(store, custody, worker, clock);
    this.roles = new PkiRoleRoutes(store);
    this.issue = new PkiIssueRoutes(store, custody, worker, clock);
    this.background = new PkiBackground(vertx, store, crl, tidy, clock);
    RevocationListener counted =
        certificate ->
            listener.revoked(certificate).compose(v -> background.refreshCounts().otherwiseEmpty());
    this.revocation = new PkiRevocationRoutes(store, crl, tidy, counted, clock);
    this.ca = new PkiCaRoutes(store);
    this.config = new PkiConfigRoutes(store, crl);
    this.ocsp = new PkiOcspRoutes(store, custody, worker, clock);
    this.drill = new PkiDrill(store, custody, worker, vertx, clock);
  }

  @Override
  public Future<List<Checked>> drill() {
    return drill.run();
  }

  @Override
  public List<Operation<?>> operations() {
    return List.of(
        Operation.write("root/generate/:type", CaGenerateRequest::from, root::generateRoot),
        Operation.write(
            "intermediate/generate/:type", CaGenerateRequest::from, root::generateIntermediate),
        Operation.write(
            "root/sign-intermediate", SignIntermediateRequest::from, root::signIntermediate),
        Operation.write("intermediate/set-signed", SetSignedRequest::from, root::setSigned),
        Operation.list("roles/*rest", FolderListRequest::from, roles::list),
        Operation.read("roles/:role", RoleName::from, roles::read),
        Operation.write("roles/:role", RoleWriteRequest::from, roles::write),
        Operation.delete("roles/:role", RoleName::from, roles::delete),
        Operation.write("issue/:role", IssueRequest::from, issue::issue),
        Operation.write("sign/:role", SignRequest::from, issue::sign),
        Operation.write("revoke", RevokeRequest::from, revocation::revoke),
        Operation.read("crl/rotate", PkiEngine::none, revocation::rotate),
        Operation.write("tidy", TidyRequest::from, revocation::tidy),
        Operation.read("tidy-status", PkiEngine::none, revocation::tidyStatus),
        Operation.read("config/urls", PkiEngine::none, config::readUrls),
        Operation.write("config/urls", PkiUrls::from, config::writeUrls),
        Operation.read("config/crl", PkiEngine::none, config::readCrl),
        Operation.write("config/crl", PkiConfigRoutes::body, config::writeCrl),
        Operation.read("config/auto-tidy", PkiEngine::none, config::readAutoTidy),
        Operation.write("config/auto-tidy", PkiConfigRoutes::body, config::writeAutoTidy),
        Operation.read("ocsp/*request", PkiOcspRoutes::getRequest, ocsp::get)
            .with(Flag.UNAUTHENTICATED),
        Operation.write("ocsp", PkiOcspRoutes::postRequest, ocsp::post)
            .with(Flag.UNAUTHENTICATED, Flag.RAW_BODY),
        Operation.read("crl", PkiEngine::none, revocation::crlDer).with(Flag.UNAUTHENTICATED),
        Operation.read("crl/pem", PkiEngine::none, revocation::crlPem).with(Flag.UNAUTHENTICATED),
        Operation.read("cert/crl", PkiEngine::none, revocation::crlJson).with(Flag.UNAUTHENTICATED),
        Operation.read("ca", PkiEngine::none, ca::caDer).with(Flag.UNAUTHENTICATED),
        Operation.read("ca/pem", PkiEngine::none, ca::caPem).with(Flag.UNAUTHENTICATED),
        Operation.read("ca_chain", PkiEngine::none, ca::caChain).with(Flag.UNAUTHENTICATED),
        Operation.read("cert/ca", PkiEngine::none, ca::caJson).with(Flag.UNAUTHENTICATED),
        Operation.read("cert/ca_chain", PkiEngine::none, ca::caChainJson)
            .with(Flag.UNAUTHENTICATED),
        Operation.read("cert/:serial", SerialRequest::from, ca::certificate)
            .with(Flag.UNAUTHENTICATED),
        Operation.list("certs/*rest", FolderListRequest::from, ca::list));
  }

  @Override
  public Future<Void> start() {
    background.start();
    return Future.succeededFuture();
  }

  @Override
  public void stop() {
    background.stop();
  }

  /**
   * How many certificates and revocation entries this mount stores, as counted at start, at each
   * minute's check and after each revocation; -1 before the first count. For the metrics.
   */
  public long[] storedCounts() {
    PkiBackground.StoredCounts counts = background.counts();
    return new long[] {counts.certificates(), counts.revoked()};
  }

  /** Runs the scheduled checks (CRL auto-rebuild, auto-tidy) once, now; the timer does it too. */
  Future<Void> runScheduledChecks() {
    return background.check();
  }

  /**
   * Whether {@code certificate} is one this mount issued, and if so whether it is revoked: looked
   * up in the mount's own store, no network. {@link LocalStatus#NOT_ISSUED_HERE} unless this
   * mount's store holds exactly this certificate (same DER), so a look-alike from another CA with
   * the same serial is never taken for ours.
   */
  public Future<LocalStatus> localStatus(X509Certificate certificate) {
    return store
        .certificate(certificate.getSerialNumber())
        .map(
            found -> {
              if (found.isEmpty() || !sameDer(found.get().certificate(), certificate)) {
                return LocalStatus.NOT_ISSUED_HERE;
              }
              return found.get().revokedAt() == null ? LocalStatus.GOOD : LocalStatus.REVOKED;
            });
  }

  /** What {@link #localStatus} found. */
  public enum LocalStatus {
    NOT_ISSUED_HERE,
    GOOD,
    REVOKED
  }

  private static boolean sameDer(X509Certificate a, X509Certificate b) {
    try {
      return java.util.Arrays.equals(a.getEncoded(), b.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      return false;
    }
  }

  /**
   * Writes the two ready roles {@code core-server} and {@code cell-server} where absent (an
   * operator's edits are kept); the server calls it in dev mode. See {@code docs/pki.md}.
   */
  public Future<Void> ensureDefaultRoles() {
    return DefaultRoles.ensure(store);
  }

  /**
   * Dev mode: a root CA {@code commonName} (EC P-256, key in custody, ten years) unless this mount
   * already has an issuer, then the ready roles ({@link #ensureDefaultRoles}), so {@code
   * issue/core-server} and {@code issue/cell-server} work right after start.
   */
  public Future<Void> ensureDevCa(String commonName) {
    CaGenerateRequest request =
        new CaGenerateRequest(
            CertificateProfile.subject(commonName, List.of(), List.of(), List.of()),
            List.of(),
            List.of(),
            DEV_ROOT_TTL.toSeconds(),
            CaKeyType.EC_P256,
            -1,
            CertificateFormat.PEM);
    return root.ensureRoot(request).compose(v -> ensureDefaultRoles());
  }

  /**
   * Issues a certificate from {@code role} as {@code issue/<role>} does (the role's name rules,
   * {@code max_ttl} and key type; the certificate stored, the key not), for a caller inside the
   * server, such as its own HTTPS listener. Fails with an {@code ApiError} (400 for a refused name,
   * TTL or unknown role; 503 while custody is unavailable).
   *
   * @param commonName also a SAN, as Vault does
   */
  public Future<IssuedKeyPair> issueKeyPair(
      String role, String commonName, List<String> altNames, List<String> ipSans, Duration ttl) {
    try {
      return issue.issueKeyPair(
          new RoleName(role),
          RequestedNames.of(commonName, altNames, ipSans, false),
          ttl.toSeconds());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The CA chain, stored certificates and CRL next update, for the compliance report. */
  @Override
  public Future<JsonObject> complianceFacts() {
    return PkiComplianceFacts.of(store);
  }

  private static Void none(RequestContext request) {
    return null;
  }
}
