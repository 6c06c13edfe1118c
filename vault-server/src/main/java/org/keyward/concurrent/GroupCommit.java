package org.keyward.concurrent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Group commit on one writer thread: callers queue entries from any thread; the thread takes
 * everything queued while it was busy (up to {@code maxBatch}), makes the batch durable in one go
 * ({@link Writer#commit}: one write, one sync) and then completes the callers' futures, one hop per
 * Vert.x context per batch rather than one per entry. Entries are committed in the order they were
 * queued. The one batcher of the SQLite writer and the file audit device.
 *
 * <p><b>Failure.</b> When {@code commit} throws, every entry of that batch it left unsettled fails
 * with that exception, and no other entry does; the writer may also settle entries one by one
 * (SQLite fails one caller's savepoint, not the batch).
 *
 * <p><b>Close.</b> {@link #close()} refuses new entries, commits everything queued before it, runs
 * {@link Writer#beforeClose()}, commits what that queued, then {@link Writer#closed()}. An entry
 * that still races in after that fails rather than waits forever, as does every queued entry if the
 * thread is interrupted. The queue is unbounded: callers are requests, each waiting on its entry,
 * so the number queued is bounded by the number of requests in flight.
 *
 * @param <E> an entry to commit
 * @param <R> the result a caller's future completes with
 */
public final class GroupCommit<E, R> {
  private static final System.Logger LOG = System.getLogger(GroupCommit.class.getName());

  /** What the writer thread does with the entries; every method runs on that thread. */
  public interface Writer<E, R> {
    /**
     * Makes {@code batch} durable, in order. Entries it does not settle succeed with null once it
     * returns, or fail with its exception when it throws.
     */
    void commit(List<Slot<E, R>> batch) throws Exception;

    /** How long the thread may sleep with nothing queued before {@link #afterWake()}. */
    default long idleMillis() {
      return Long.MAX_VALUE;
    }

    /** After every batch and every idle timeout, while open (timers, e.g. audit checkpoints). */
    default void afterWake() {}

    /** Once, after the last batch queued before {@link #close()}; may queue final entries. */
    default void beforeClose() {}

    /** Last, once, after the final batch (or an interrupt): release the file or connection. */
    default void closed() {}
  }

  /** One queued entry and, unless nobody waits for it, the caller's promise and context. */
  public static final class Slot<E, R> {
    private final E entry;
    private final Promise<R> promise;
    private final Context context;
    private boolean settled;
    private R result;
    private Throwable failure;

    private Slot(E entry, Promise<R> promise, Context context) {
      this.entry = entry;
      this.promise = promise;
      this.context = context;
    }

    public E entry() {
      return entry;
    }

    public void succeed(R value) {
      if (!settled) {
        settled = true;
        result = value;
      }
    }

    public void fail(Throwable cause) {
      if (!settled) {
        settled = true;
        failure = cause;
      }
    }

    private void complete() {
      if (failure == null) {
        promise.tryComplete(result);
      } else {
        promise.tryFail(failure);
      }
    }
  }

  private final Slot<E, R> closeMark = new Slot<>(null, null, null);
  private final LinkedBlockingQueue<Slot<E, R>> queue = new LinkedBlockingQueue<>();
  private final Writer<E, R> writer;
  private final int maxBatch;
  private final Supplier<? extends Throwable> refused;
  private final Thread thread;
  private final Promise<Void> done = Promise.promise();
  private volatile boolean accepting = true;
  private volatile boolean terminated;

  /**
   * Starts the writer thread (a daemon named {@code threadName}).
   *
   * @param refused the failure of an entry queued after close or to an interrupted thread
   */
  public GroupCommit(
      String threadName, int maxBatch, Writer<E, R> writer, Supplier<? extends Throwable> refused) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    this.writer = writer;
    this.maxBatch = maxBatch;
    this.refused = refused;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues {@code entry}; the future completes once its batch was committed, on {@code context} (or
   * on the writer thread when null). Fails at once after {@link #close()}.
   */
  public Future<R> submit(E entry, Context context) {
    if (!accepting) {
      return Future.failedFuture(refused.get());
    }
    Slot<E, R> slot = new Slot<>(entry, Promise.promise(), context);
    enqueue(slot);
    return slot.promise.future();
  }

  /**
   * Queues an entry nobody waits for (an audit checkpoint line), accepted until the writer thread
   * ends, so {@link Writer#beforeClose()} can still have one written.
   */
  public void submitUntracked(E entry) {
    enqueue(new Slot<>(entry, null, null));
  }

  private void enqueue(Slot<E, R> slot) {
    queue.add(slot);
    if (terminated) {
      // Raced with the thread's end: its last sweep may have missed this entry.
      failRemaining();
    }
  }

  /** Refuses new entries, commits those queued; the future completes when the thread ended. */
  public Future<Void> close() {
    if (accepting) {
      accepting = false;
      queue.add(closeMark);
    }
    return done.future();
  }

  /** The writer thread, to join after {@link #close()} or for a test to interrupt. */
  public Thread thread() {
    return thread;
  }

  private void run() {
    List<Slot<E, R>> batch = new ArrayList<>(maxBatch);
    try {
      boolean closing = false;
      while (!closing) {
        Slot<E, R> first = queue.poll(writer.idleMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, maxBatch - 1);
        }
        int mark = batch.indexOf(closeMark);
        closing = mark >= 0;
        if (closing) {
          // Entries after the mark raced with close() and were accepted: commit them too.
          batch.remove(mark);
        }
        commit(batch);
        if (!closing) {
          writer.afterWake();
        }
      }
      writer.beforeClose();
      for (queue.drainTo(batch, maxBatch); !batch.isEmpty(); queue.drainTo(batch, maxBatch)) {
        commit(batch);
      }
    } catch (InterruptedException e) {
      LOG.log(Level.WARNING, "group commit thread " + thread.getName() + " was interrupted");
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "group commit thread " + thread.getName() + " failed", e);
    } finally {
      accepting = false;
      terminated = true;
      failRemaining();
      try {
        writer.closed();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "group commit thread " + thread.getName() + ": close failed", e);
      }
      done.tryComplete();
    }
  }

  /**
   * Commits and settles one batch, then clears it; an interrupt during the commit ends the thread.
   */
  private void commit(List<Slot<E, R>> batch) throws InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    Throwable failure = null;
    try {
      writer.commit(batch);
    } catch (Exception e) {
      failure = e;
    }
    for (Slot<E, R> slot : batch) {
      if (failure == null) {
        slot.succeed(null);
      } else {
        slot.fail(failure);
      }
    }
    completeByContext(batch);
    batch.clear();
    if (failure instanceof InterruptedException || Thread.interrupted()) {
      throw new InterruptedException("interrupted during a commit");
    }
  }

  /** Completes each waiting caller on its own context: one hop per context per batch. */
  private static <E, R> void completeByContext(List<Slot<E, R>> batch) {
    Map<Context, List<Slot<E, R>>> byContext = null;
    for (Slot<E, R> slot : batch) {
      if (slot.promise == null) {
        continue;
      }
      if (slot.context == null) {
        slot.complete();
        continue;
      }
      if (byContext == null) {
        byContext = new IdentityHashMap<>();
      }
      byContext.computeIfAbsent(slot.context, c -> new ArrayList<>()).add(slot);
    }
    if (byContext != null) {
      byContext.forEach(
          (context, slots) -> context.runOnContext(v -> slots.forEach(Slot::complete)));
    }
  }

  private void failRemaining() {
    List<Slot<E, R>> left = new ArrayList<>();
    queue.drainTo(left);
    left.remove(closeMark);
    for (Slot<E, R> slot : left) {
      slot.fail(refused.get());
    }
    completeByContext(left);
  }
}
