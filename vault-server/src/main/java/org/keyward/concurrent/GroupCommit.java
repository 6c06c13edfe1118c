package org.keyward.concurrent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
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
 * event loop (or other Vert.x context) per batch rather than one per entry. Entries are committed
 * in the order they were queued. The one batcher of the SQLite writer and the file audit device.
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

  /** Queued in place of entries by {@link #close()}; compared by identity. */
  private final List<Slot<E, R>> closeMark = new ArrayList<>(0);

  /** Entries in queue order; one element holds one entry or all of one event-loop tick's. */
  private final LinkedBlockingQueue<List<Slot<E, R>>> queue = new LinkedBlockingQueue<>();

  /** Per event-loop thread: the entries of {@link #submitAtEndOfTick} not yet queued. */
  private final ThreadLocal<Tick<E, R>> ticks = ThreadLocal.withInitial(Tick::new);

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
    enqueue(List.of(slot));
    return slot.promise.future();
  }

  /**
   * As {@link #submit}, but when called on {@code context}'s event loop the entry joins the others
   * that loop submits in the same turn (its current round of I/O events), and all of them reach the
   * writer thread at the end of that turn as one queue element: one hand-off and at most one
   * wake-up for all, and usually one batch. Order is kept. Elsewhere it is {@link #submit}.
   */
  public Future<R> submitAtEndOfTick(E entry, Context context) {
    if (context == null || !context.isEventLoopContext() || Vertx.currentContext() != context) {
      return submit(entry, context);
    }
    if (!accepting) {
      return Future.failedFuture(refused.get());
    }
    Slot<E, R> slot = new Slot<>(entry, Promise.promise(), context);
    Tick<E, R> tick = ticks.get();
    if (tick.slots == null) {
      tick.slots = new ArrayList<>();
      context.runOnContext(v -> flushTick());
    }
    tick.slots.add(slot);
    return slot.promise.future();
  }

  /** Runs on the event loop after the turn's I/O: queues what the turn submitted. */
  private void flushTick() {
    Tick<E, R> tick = ticks.get();
    List<Slot<E, R>> slots = tick.slots;
    tick.slots = null;
    if (slots != null) {
      enqueue(slots);
    }
  }

  /** One event loop's entries of its current turn, null when there are none. */
  private static final class Tick<E, R> {
    private List<Slot<E, R>> slots;
  }

  /**
   * Queues an entry nobody waits for (an audit checkpoint line), accepted until the writer thread
   * ends, so {@link Writer#beforeClose()} can still have one written.
   */
  public void submitUntracked(E entry) {
    enqueue(List.of(new Slot<>(entry, null, null)));
  }

  private void enqueue(List<Slot<E, R>> slots) {
    queue.add(slots);
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
        List<Slot<E, R>> first = queue.poll(writer.idleMillis(), TimeUnit.MILLISECONDS);
        // Entries after the mark raced with close() and were accepted: commit them too.
        closing = first != null && take(first, batch);
        commit(batch);
        if (!closing) {
          writer.afterWake();
        }
      }
      writer.beforeClose();
      for (List<Slot<E, R>> next = queue.poll(); next != null; next = queue.poll()) {
        take(next, batch);
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
   * Adds {@code first} and what else is queued to {@code batch}, until it holds {@code maxBatch}
   * entries (a tick's entries stay together, so it may hold a few more) or the queue is empty.
   * Whether the close mark was among them.
   */
  private boolean take(List<Slot<E, R>> first, List<Slot<E, R>> batch) {
    boolean closing = false;
    for (List<Slot<E, R>> next = first; next != null; next = queue.poll()) {
      if (next == closeMark) {
        closing = true;
      } else {
        batch.addAll(next);
      }
      if (batch.size() >= maxBatch) {
        break;
      }
    }
    return closing;
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
    } catch (Exception | Error e) {
      // An Error too: the batch is taken off the queue, so no later sweep would fail its callers.
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
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure instanceof InterruptedException || Thread.interrupted()) {
      throw new InterruptedException("interrupted during a commit");
    }
  }

  /**
   * Completes each waiting caller on its own context, in batch order. Callers on event loops get
   * one task per event loop per batch, not one per request (each request has its own duplicated
   * context): one hand-off to the loop, which then runs each caller's continuation on that caller's
   * context, so what the request keeps there is in place. Other contexts get one task each.
   */
  private static <E, R> void completeByContext(List<Slot<E, R>> batch) {
    Map<Object, List<Slot<E, R>>> byExecutor = null;
    for (Slot<E, R> slot : batch) {
      if (slot.promise == null) {
        continue;
      }
      if (slot.context == null) {
        slot.complete();
        continue;
      }
      if (byExecutor == null) {
        byExecutor = new IdentityHashMap<>();
      }
      byExecutor.computeIfAbsent(executorOf(slot.context), c -> new ArrayList<>()).add(slot);
    }
    if (byExecutor != null) {
      byExecutor.values().forEach(GroupCommit::completeOn);
    }
  }

  /**
   * The thread that runs {@code context}'s tasks: its event loop, or the context itself. This and
   * {@link #completeOn} use Vert.x's internal context API ({@code nettyEventLoop}, {@code unwrap},
   * {@code dispatch}), which may change in any Vert.x release: {@code GroupCommitTest} pins the
   * order and the context each continuation runs on, so check it on every Vert.x upgrade.
   */
  private static Object executorOf(Context context) {
    if (context.isEventLoopContext() && context instanceof ContextInternal internal) {
      return internal.nettyEventLoop();
    }
    return context;
  }

  /** Completes slots that share one executor (see {@link #executorOf}) from one task. */
  private static <E, R> void completeOn(List<Slot<E, R>> slots) {
    Context first = slots.get(0).context;
    if (first.isEventLoopContext() && first instanceof ContextInternal internal) {
      internal
          .unwrap()
          .runOnContext(
              v -> {
                for (Slot<E, R> slot : slots) {
                  // Each continuation runs as on its own context; one that throws is reported
                  // there and the others still run.
                  ((ContextInternal) slot.context).dispatch(slot, Slot::complete);
                }
              });
    } else {
      first.runOnContext(v -> slots.forEach(Slot::complete));
    }
  }

  private void failRemaining() {
    List<Slot<E, R>> left = new ArrayList<>();
    for (List<Slot<E, R>> next = queue.poll(); next != null; next = queue.poll()) {
      if (next != closeMark) {
        left.addAll(next);
      }
    }
    for (Slot<E, R> slot : left) {
      slot.fail(refused.get());
    }
    completeByContext(left);
  }
}
