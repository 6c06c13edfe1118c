package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.keyward.http.ApiError;
import org.keyward.view.CompareAndSet;
import org.keyward.view.CompareAndSet.Plan;
import org.keyward.view.Revision;
import org.keyward.view.StorageView;
import org.keyward.view.ViewOp;

/**
 * The PKI mount's rows: {@code config/issuer} (key name, certificate, chain), {@code
 * config/pending} (a key awaiting its intermediate certificate), {@code roles/<name>}, {@code
 * certs/<serial>} (certificates only, never a private key), {@code revoked/<serial>} and {@code
 * crl/current} (the CRL and its number), {@code config/urls}, {@code config/crl} and {@code
 * config/auto-tidy}. Values are JSON; the barrier encrypts them.
 */
final class PkiStore {
  private static final String ISSUER = "config/issuer";
  private static final String PENDING = "config/pending";
  private static final String CRL = "crl/current";
  private static final String URLS = "config/urls";
  private static final String CRL_SETTINGS = "config/crl";
  private static final String AUTO_TIDY = "config/auto-tidy";

  /** Revocations of one certificate racing each other; more than a handful means trouble. */
  private static final int MAX_ATTEMPTS = 5;

  private final StorageView view;

  PkiStore(StorageView view) {
    this.view = view;
  }

  /** A key made by {@code intermediate/generate}, waiting for {@code intermediate/set-signed}. */
  record PendingKey(String keyName, CaKeyType type) {}

  /** The current CRL and its number; {@code revision} null when none was ever built. */
  record CrlState(long number, byte[] der, Revision revision) {}

  Future<Optional<IssuerRecord>> issuer() {
    return view.get(ISSUER).map(o -> o.map(b -> IssuerRecord.fromJson(json(b))));
  }

  /** The issuer, or a 400 saying the mount has none yet. */
  Future<IssuerRecord> requireIssuer() {
    return issuer()
        .map(
            o ->
                o.orElseThrow(
                    () ->
                        ApiError.badRequest(
                            "this mount has no issuer: generate a root or set a signed"
                                + " intermediate first")));
  }

  /** Stores the mount's issuer if it has none; 400 if one exists (it is never overwritten). */
  Future<Void> createIssuer(IssuerRecord issuer) {
    return view.transaction(
            List.of(
                ViewOp.expect(ISSUER, null),
                ViewOp.put(ISSUER, bytes(issuer.toJson())),
                ViewOp.delete(PENDING)))
        .recover(e -> Future.failedFuture(conflictAs(e, "this mount already has an issuer")));
  }

  Future<Void> putPending(PendingKey pending) {
    JsonObject json =
        new JsonObject().put("key_name", pending.keyName()).put("key_type", pending.type().name());
    return view.put(PENDING, bytes(json));
  }

  Future<Optional<PendingKey>> pending() {
    return view.get(PENDING)
        .map(
            o ->
                o.map(json -> json(json))
                    .map(
                        j ->
                            new PendingKey(
                                j.getString("key_name"),
                                CaKeyType.valueOf(j.getString("key_type")))));
  }

  Future<Optional<PkiRole>> role(RoleName name) {
    return view.get("roles/" + name.value()).map(o -> o.map(b -> PkiRole.from(json(b))));
  }

  Future<Void> putRole(RoleName name, PkiRole role) {
    return view.put("roles/" + name.value(), bytes(role.toJson()));
  }

  Future<Void> deleteRole(RoleName name) {
    return view.delete("roles/" + name.value());
  }

  Future<List<String>> roleNames() {
    return view.list("roles/");
  }

  Future<Void> putCertificate(IssuedCertificate certificate) {
    return view.put(certKey(certificate.serial()), bytes(certificate.toJson()));
  }

  Future<Optional<IssuedCertificate>> certificate(BigInteger serial) {
    return view.get(certKey(serial)).map(o -> o.map(b -> IssuedCertificate.fromJson(json(b))));
  }

  /** Serials of every stored certificate, in Vault's colon form. */
  Future<List<String>> serials() {
    return view.list("certs/").map(keys -> keys.stream().map(k -> k.replace('-', ':')).toList());
  }

  /**
   * Marks {@code serial} revoked at {@code at}, atomically with its row; an already revoked
   * certificate keeps its first revocation time. 400 if this mount never issued it.
   */
  Future<IssuedCertificate> revoke(BigInteger serial, Instant at) {
    String key = certKey(serial);
    return CompareAndSet.update(
        view,
        key,
        MAX_ATTEMPTS,
        found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(
                ApiError.badRequest(
                    "certificate with serial " + SerialNumbers.colon(serial) + " not found"));
          }
          IssuedCertificate current = IssuedCertificate.fromJson(json(found.get().plaintext()));
          if (current.revokedAt() != null) {
            return Future.succeededFuture(Plan.unchanged(current));
          }
          IssuedCertificate revoked = current.revoked(at);
          return Future.succeededFuture(
              Plan.write(
                  List.of(
                      ViewOp.put(key, bytes(revoked.toJson())),
                      ViewOp.put(revokedKey(serial), bytes(revoked.toJson()))),
                  revoked));
        });
  }

  /** Every revoked certificate still held (tidy removes expired ones). */
  Future<List<IssuedCertificate>> revoked() {
    return view.list("revoked/")
        .compose(
            keys -> {
              List<Future<Optional<byte[]>>> reads = new ArrayList<>();
              keys.forEach(k -> reads.add(view.get("revoked/" + k)));
              return Future.all(reads)
                  .map(
                      all -> {
                        List<IssuedCertificate> out = new ArrayList<>();
                        for (Future<Optional<byte[]>> f : reads) {
                          f.result().ifPresent(b -> out.add(IssuedCertificate.fromJson(json(b))));
                        }
                        return out;
                      });
            });
  }

  /** Removes a certificate's rows (tidy); its revocation entry goes with it. */
  Future<Void> deleteCertificate(BigInteger serial) {
    return view.transaction(
        List.of(ViewOp.delete(certKey(serial)), ViewOp.delete(revokedKey(serial))));
  }

  Future<CrlState> crl() {
    return view.read(CRL)
        .map(
            o ->
                o.map(
                        stored -> {
                          JsonObject j = json(stored.plaintext());
                          return new CrlState(
                              j.getLong("number"),
                              Base64.getDecoder().decode(j.getString("der")),
                              stored.revision());
                        })
                    .orElse(new CrlState(0, null, null)));
  }

  /**
   * Stores a CRL numbered {@code number} if the CRL row is still at {@code previous}'s revision, so
   * two rebuilds racing never store the same number twice; fails with a conflict otherwise.
   */
  Future<Void> putCrl(CrlState previous, long number, byte[] der) {
    JsonObject json =
        new JsonObject().put("number", number).put("der", Base64.getEncoder().encodeToString(der));
    return view.transaction(
        List.of(ViewOp.expect(CRL, previous.revision()), ViewOp.put(CRL, bytes(json))));
  }

  /** The mount's {@code config/urls}; none set means certificates name no locations. */
  Future<PkiUrls> urls() {
    return view.get(URLS).map(o -> o.map(b -> PkiUrls.fromJson(json(b))).orElse(PkiUrls.NONE));
  }

  Future<Void> putUrls(PkiUrls urls) {
    return view.put(URLS, bytes(urls.toJson()));
  }

  Future<CrlSettings> crlSettings() {
    return view.get(CRL_SETTINGS)
        .map(o -> o.map(b -> CrlSettings.fromJson(json(b))).orElse(CrlSettings.DEFAULT));
  }

  Future<Void> putCrlSettings(CrlSettings settings) {
    return view.put(CRL_SETTINGS, bytes(settings.toJson()));
  }

  Future<AutoTidySettings> autoTidy() {
    return view.get(AUTO_TIDY)
        .map(o -> o.map(b -> AutoTidySettings.fromJson(json(b))).orElse(AutoTidySettings.DEFAULT));
  }

  Future<Void> putAutoTidy(AutoTidySettings settings) {
    return view.put(AUTO_TIDY, bytes(settings.toJson()));
  }

  /** How many revocation entries are held (the CRL's length before {@code disable}). */
  Future<Integer> revokedCount() {
    return view.list("revoked/").map(List::size);
  }

  private static Throwable conflictAs(Throwable e, String message) {
    return CompareAndSet.isConflict(e) ? ApiError.badRequest(message) : e;
  }

  private static String certKey(BigInteger serial) {
    return "certs/" + SerialNumbers.storageKey(serial);
  }

  private static String revokedKey(BigInteger serial) {
    return "revoked/" + SerialNumbers.storageKey(serial);
  }

  private static JsonObject json(byte[] bytes) {
    return new JsonObject(new String(bytes, StandardCharsets.UTF_8));
  }

  private static byte[] bytes(JsonObject json) {
    return json.encode().getBytes(StandardCharsets.UTF_8);
  }
}
