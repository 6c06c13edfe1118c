package org.keyward.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.keyward.barrier.Barrier;
import org.keyward.barrier.BarrierLimits;
import org.keyward.barrier.HsmGateway;
import org.keyward.barrier.HsmUnavailableException;
import org.keyward.barrier.VaultSeal;
import org.keyward.engine.BackendFactory;
import org.keyward.engine.DrillCheck;
import org.keyward.snapshot.DrillHistory;
import org.keyward.snapshot.SnapshotInfo;
import org.keyward.snapshot.SnapshotRejectedException;
import org.keyward.snapshot.SnapshotService;
import org.keyward.storage.sqlite.SqliteStorage;
import org.keyward.sys.MountTable;
import org.keyward.view.StorageView;

/**
 * A restore drill: restores a snapshot into a scratch SQLite store in the work directory, away from
 * the live data, unseals it with this server's HSM KEK, decrypts every entry through a barrier of
 * its own, has every transit key encrypt and decrypt a sample (signing keys sign and verify) and
 * every PKI CA sign a throwaway certificate that verifies, through unstarted copies of the engines
 * over the scratch store, and checks that the HSM audit key still signs and verifies; then deletes
 * the scratch store. The result (snapshot, started, duration, entries and keys checked, failures
 * with their paths, ok) is stored in the {@link DrillHistory}. A drill never fails as a request:
 * what went wrong is in its failures.
 */
final class SnapshotDrill {
  private static final System.Logger LOG = System.getLogger(SnapshotDrill.class.getName());
  private static final int PAGE = 500;

  private final Vertx vertx;
  private final HsmGateway hsm;
  private final SnapshotService snapshots;
  private final DrillHistory history;
  private final Path workDir;
  private final List<BackendFactory> engines;
  private final Clock clock;

  SnapshotDrill(
      Vertx vertx,
      HsmGateway hsm,
      SnapshotService snapshots,
      DrillHistory history,
      Path workDir,
      List<BackendFactory> engines,
      Clock clock) {
    this.vertx = vertx;
    this.hsm = hsm;
    this.snapshots = snapshots;
    this.history = history;
    this.workDir = workDir;
    this.engines = List.copyOf(engines);
    this.clock = clock;
  }

  /** Failures found so far, as {@code {path, error}} objects. */
  private static final class Findings {
    final JsonArray failures = new JsonArray();
    long checked;
    long keysChecked;

    void fail(String path, String error) {
      failures.add(new JsonObject().put("path", path).put("error", error));
    }
  }

  Future<JsonObject> run(Path file) {
    Instant started = clock.instant();
    Findings findings = new Findings();
    Path scratchDir = workDir.resolve("drill-" + UUID.randomUUID());
    return snapshots
        .verify(file)
        .compose(
            info ->
                checkSigner(info, findings)
                    .compose(v -> restoreAndCheck(file, scratchDir, findings)))
        .recover(
            e -> {
              findings.fail("(snapshot)", describe(e));
              return Future.succeededFuture();
            })
        .compose(v -> checkAuditKey(findings))
        .eventually(() -> deleteTree(scratchDir))
        .map(
            v ->
                new JsonObject()
                    .put("snapshot", file.getFileName().toString())
                    .put("started", started.toString())
                    .put("duration_ms", Duration.between(started, clock.instant()).toMillis())
                    .put("entries_checked", findings.checked)
                    .put("keys_checked", findings.keysChecked)
                    .put("failures", findings.failures)
                    .put("ok", findings.failures.isEmpty()))
        .compose(result -> history.record(result).map(result))
        .onSuccess(
            result ->
                LOG.log(
                    result.getBoolean("ok") ? Level.INFO : Level.WARNING,
                    "restore drill of "
                        + file.getFileName()
                        + ": ok="
                        + result.getBoolean("ok")
                        + ", "
                        + findings.checked
                        + " entries checked, "
                        + findings.failures.size()
                        + " failures"));
  }

  private Future<Void> checkSigner(SnapshotInfo info, Findings findings) {
    return snapshots
        .ownKeyId()
        .map(
            own -> {
              if (!own.equals(info.manifest().keyId())) {
                findings.fail(
                    "(manifest)",
                    "signed by key " + info.manifest().keyId() + ", not this vault's " + own);
              }
              return null;
            });
  }

  private Future<Void> restoreAndCheck(Path file, Path scratchDir, Findings findings) {
    return SqliteStorage.openFile(vertx, scratchDir.resolve("drill.db"))
        .compose(
            scratch ->
                snapshots
                    .restoreInto(scratch, file)
                    .compose(rows -> unsealAndDecrypt(scratch, findings))
                    .eventually(
                        () ->
                            vertx.executeBlocking(
                                () -> {
                                  scratch.close();
                                  return null;
                                },
                                false)));
  }

  private Future<Void> unsealAndDecrypt(SqliteStorage scratch, Findings findings) {
    Barrier barrier = new Barrier(scratch, BarrierLimits.DEFAULT);
    VaultSeal seal =
        new VaultSeal(
            vertx, scratch, hsm, barrier, clock, Duration.ofHours(1), Duration.ofHours(1));
    return seal.start()
        .compose(
            v -> {
              if (barrier.isSealed()) {
                findings.fail("core/keyring", "the keyring does not open with this HSM's KEK");
                return Future.succeededFuture();
              }
              return decryptFrom(scratch, barrier.view(""), null, findings)
                  .compose(done -> checkEngineKeys(barrier, findings));
            })
        .eventually(() -> seal.stop().onComplete(ar -> seal.close()));
  }

  /** Decrypts every barrier entry page by page (bounded memory), recording each failure. */
  private Future<Void> decryptFrom(
      SqliteStorage scratch, StorageView all, String after, Findings findings) {
    return scratch
        .scan("", after, PAGE)
        .compose(
            keys -> {
              if (keys.isEmpty()) {
                return Future.succeededFuture();
              }
              List<Future<?>> reads = new ArrayList<>();
              for (String key : keys) {
                if (Barrier.isRawRow(key)) {
                  continue;
                }
                reads.add(
                    all.get(key)
                        .onSuccess(value -> findings.checked++)
                        .onFailure(e -> findings.fail(key, "does not decrypt")));
              }
              return Future.join(reads)
                  .transform(
                      ignored -> decryptFrom(scratch, all, keys.get(keys.size() - 1), findings));
            });
  }

  /** Every engine of the restored mount table that can prove its keys work does so. */
  private Future<Void> checkEngineKeys(Barrier barrier, Findings findings) {
    MountTable restored =
        new MountTable(vertx, barrier.view(KeywardVault.SYSTEM_VIEW), barrier::view, engines);
    return restored
        .unstartedBackends()
        .compose(
            mounts -> {
              List<Future<?>> checks = new ArrayList<>();
              for (MountTable.Unstarted m : mounts) {
                if (m.backend() instanceof DrillCheck check) {
                  checks.add(
                      check
                          .drill()
                          .onSuccess(results -> record(m.entry().path(), results, findings))
                          .onFailure(e -> findings.fail(m.entry().path(), describe(e))));
                }
              }
              return Future.join(checks).<Void>mapEmpty().otherwiseEmpty();
            })
        .recover(
            e -> {
              findings.fail("core/system/mounts", "mount table unreadable: " + describe(e));
              return Future.succeededFuture();
            });
  }

  private static void record(String mount, List<DrillCheck.Checked> results, Findings findings) {
    for (DrillCheck.Checked c : results) {
      if (c.ok()) {
        findings.keysChecked++;
      } else {
        findings.fail(mount + " " + c.item(), c.failure());
      }
    }
  }

  private Future<Void> checkAuditKey(Findings findings) {
    HsmKeySigner audit = HsmKeySigner.audit(hsm);
    return vertx
        .executeBlocking(
            () -> {
              byte[] sample =
                  ("keyward restore drill " + clock.instant()).getBytes(StandardCharsets.UTF_8);
              byte[] signature = audit.sign(sample);
              Signature verifier = Signature.getInstance(audit.algorithm());
              verifier.initVerify(audit.publicKey());
              verifier.update(sample);
              if (!verifier.verify(signature)) {
                throw new GeneralSecurityException("signature does not verify");
              }
              return null;
            },
            false)
        .recover(
            e -> {
              findings.fail(
                  "hsm:audit-v1", "audit key does not sign and verify: " + e.getMessage());
              return Future.succeededFuture();
            })
        .mapEmpty();
  }

  private static String describe(Throwable e) {
    if (e instanceof SnapshotRejectedException || e instanceof HsmUnavailableException) {
      return e.getMessage();
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.file.NoSuchFileException missing) {
        return "no such snapshot file: " + missing.getFile();
      }
      if (t instanceof SnapshotRejectedException rejected) {
        return rejected.getMessage();
      }
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private Future<Void> deleteTree(Path dir) {
    return vertx.executeBlocking(
        () -> {
          if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
              for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
              }
            } catch (IOException e) {
              LOG.log(Level.WARNING, "could not delete drill scratch store " + dir, e);
            }
          }
          return null;
        },
        false);
  }
}
