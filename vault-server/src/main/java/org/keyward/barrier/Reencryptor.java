package org.keyward.barrier;

import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import org.keyward.storage.Storage;
import org.keyward.storage.StorageConflictException;
import org.keyward.storage.StorageEntry;
import org.keyward.storage.StorageOp;
import org.keyward.view.CompareAndSet;
import org.keyward.view.ViewConflictException;

/**
 * Rewrites every barrier entry that is under an older keyring term with the primary key, in the
 * background, page by page in key order. Each rewrite is a transaction that expects the row's old
 * bytes, so a concurrent write wins and the row is simply left as that write made it. Progress is
 * stored after every page ({@link ReencryptProgress}); the job stops on seal and resumes after the
 * next unseal, including after a crash. Makes no HSM call.
 */
public final class Reencryptor implements Reencryption, SealControl.Listener {
  private static final System.Logger LOG = System.getLogger(Reencryptor.class.getName());
  private static final int MAX_ATTEMPTS = 3;

  private final Storage storage;
  private final Barrier barrier;
  private final Clock clock;
  private final int pageSize;
  private volatile boolean active; // a loop is running in this process

  public Reencryptor(Storage storage, Barrier barrier, Clock clock, int pageSize) {
    this.storage = storage;
    this.barrier = barrier;
    this.clock = clock;
    this.pageSize = pageSize;
  }

  /** The stored progress; {@link ReencryptProgress#IDLE} if no job ever ran. */
  @Override
  public Future<ReencryptProgress> status() {
    return storage
        .get(ReencryptProgress.KEY)
        .map(e -> e.map(r -> ReencryptProgress.parse(r.value())).orElse(ReencryptProgress.IDLE));
  }

  /**
   * Starts a job to the current primary term, after counting the entries left under older terms.
   * Returns the progress as started; fails with 400 if a job is already running.
   */
  @Override
  public synchronized Future<ReencryptProgress> start() {
    if (barrier.isSealed()) {
      return Future.failedFuture(new VaultSealedException());
    }
    if (active) {
      return Future.failedFuture(new BarrierRefusalException("a re-encryption is already running"));
    }
    active = true;
    int target = barrier.keyring().primary().term();
    return countOlder(target, null, 0)
        .compose(
            count -> {
              ReencryptProgress started =
                  new ReencryptProgress(
                      "running", target, null, 0, count, 0, clock.instant(), null);
              return save(started).map(started);
            })
        .onSuccess(this::runFrom)
        .onFailure(e -> active = false);
  }

  /** Whether a job is running in this process now (the stored state may say running while not). */
  boolean isActive() {
    return active;
  }

  /** Resumes a job the store says was running (after a restart or a seal). */
  @Override
  public void unsealed() {
    status()
        .onSuccess(
            p -> {
              synchronized (this) {
                if (!p.running() || active) {
                  return;
                }
                active = true;
              }
              LOG.log(Level.INFO, "resuming re-encryption after " + p.lastKey());
              runFrom(p);
            });
  }

  @Override
  public void sealing() {
    active = false;
  }

  private Future<Long> countOlder(int target, String after, long count) {
    return storage
        .scan("", after, pageSize)
        .compose(
            keys -> {
              if (keys.isEmpty()) {
                return Future.succeededFuture(count);
              }
              List<Future<Boolean>> checks = keys.stream().map(k -> isOlder(k, target)).toList();
              return Future.all(checks)
                  .compose(
                      all -> {
                        long older = checks.stream().filter(Future::result).count();
                        return countOlder(target, keys.get(keys.size() - 1), count + older);
                      });
            });
  }

  private Future<Boolean> isOlder(String key, int target) {
    if (Barrier.RAW_ROWS.contains(key)) {
      return Future.succeededFuture(false);
    }
    return storage
        .get(key)
        .map(
            e -> {
              if (e.isEmpty()) {
                return false;
              }
              KeyringTerm term = Barrier.termOf(barrier.keyring(), e.get().value());
              return term == null || term.term() < target;
            });
  }

  private void runFrom(ReencryptProgress progress) {
    if (!active || barrier.isSealed()) {
      active = false;
      return;
    }
    storage
        .scan("", progress.lastKey(), pageSize)
        .compose(
            keys -> {
              if (keys.isEmpty()) {
                ReencryptProgress done = progress.done(clock.instant());
                return save(done).map(done);
              }
              List<Future<Outcome>> rows =
                  keys.stream().map(k -> rewrite(k, progress.targetTerm())).toList();
              return Future.join(rows)
                  .transform(
                      ignored -> {
                        long rewritten =
                            rows.stream().filter(f -> f.result() == Outcome.REWRITTEN).count();
                        long failed =
                            rows.stream().filter(f -> f.result() == Outcome.FAILED).count();
                        if (rows.stream().anyMatch(Future::failed)) {
                          // Storage failed: keep the old cursor so these rows are tried again.
                          return Future.failedFuture(
                              rows.stream().filter(Future::failed).findFirst().get().cause());
                        }
                        ReencryptProgress next =
                            progress.page(keys.get(keys.size() - 1), rewritten, failed);
                        return save(next).map(next);
                      });
            })
        .onSuccess(
            next -> {
              if (next.running()) {
                runFrom(next);
              } else {
                active = false;
                LOG.log(Level.INFO, "re-encryption done: " + next.rewritten() + " rewritten");
              }
            })
        .onFailure(
            e -> {
              active = false;
              LOG.log(Level.WARNING, "re-encryption stopped; it resumes at the next unseal", e);
            });
  }

  private enum Outcome {
    REWRITTEN,
    CURRENT,
    FAILED
  }

  /** Rewrites one entry; a concurrent write makes it read and decide again. */
  private Future<Outcome> rewrite(String key, int target) {
    return CompareAndSet.retry(MAX_ATTEMPTS, attempt -> rewriteOnce(key, target));
  }

  private Future<Outcome> rewriteOnce(String key, int target) {
    if (Barrier.RAW_ROWS.contains(key)) {
      return Future.succeededFuture(Outcome.CURRENT);
    }
    return storage
        .get(key)
        .compose(
            e -> {
              if (e.isEmpty()) {
                return Future.succeededFuture(Outcome.CURRENT);
              }
              byte[] stored = e.get().value();
              KeyringTerm term = Barrier.termOf(barrier.keyring(), stored);
              if (term != null && term.term() >= target) {
                return Future.succeededFuture(Outcome.CURRENT);
              }
              Future<StorageEntry> fresh;
              try {
                fresh = barrier.reencrypt(key, stored);
              } catch (BarrierIntegrityException ex) {
                LOG.log(Level.WARNING, "re-encryption cannot open entry '" + key + "'");
                return Future.succeededFuture(Outcome.FAILED);
              }
              return fresh
                  .compose(
                      entry ->
                          storage.transaction(
                              List.of(StorageOp.expect(key, stored), StorageOp.put(entry))))
                  .map(Outcome.REWRITTEN)
                  .recover(
                      ex ->
                          Future.failedFuture(
                              ex instanceof StorageConflictException
                                  ? new ViewConflictException(key)
                                  : ex));
            });
  }

  private Future<Void> save(ReencryptProgress progress) {
    return storage.put(new StorageEntry(ReencryptProgress.KEY, progress.toBytes()));
  }
}
