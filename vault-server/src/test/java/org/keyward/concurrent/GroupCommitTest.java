package org.keyward.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keyward.concurrent.GroupCommit.Slot;
import org.keyward.testing.Futures;

class GroupCommitTest {
  private final Vertx vertx = Vertx.vertx();
  private final RecordingWriter writer = new RecordingWriter();
  private final GroupCommit<String, Integer> batcher =
      new GroupCommit<>("test-group-commit", 3, writer, () -> new IllegalStateException("closed"));

  GroupCommitTest() {
    writer.self = batcher;
  }

  @AfterEach
  void tearDown() {
    writer.release();
    Futures.await(batcher.close());
    Futures.await(vertx.close());
  }

  @Test
  void submit_commitsInQueueOrderInBoundedBatchesAndCompletesOnTheCallersContext()
      throws Exception {
    Future<Integer> first = submit("a");
    writer.awaitBlocked();
    List<Future<Integer>> rest = new ArrayList<>();
    for (String e : List.of("b", "c", "d", "e", "f")) {
      rest.add(submit(e));
    }
    writer.release();

    Futures.await(Future.all(rest));
    assertEquals(List.of("a", "b", "c", "d", "e", "f"), writer.committed);
    assertEquals(List.of(1, 3, 2), writer.batchSizes, "at most maxBatch (3) per commit");
    assertEquals(1, first.result(), "the writer's result reaches the caller");
    assertEquals(6, rest.get(4).result());
    assertTrue(writer.completedOnCallerContext.stream().allMatch(b -> b));
  }

  @Test
  void commit_throws_failsExactlyTheEntriesOfThatBatch() throws Exception {
    Future<Integer> a = submit("a");
    writer.awaitBlocked();
    Future<Integer> b = submit("boom-b");
    Future<Integer> c = submit("c");
    writer.release();
    settled(Future.join(a, b, c));
    Future<Integer> d = submit("d");
    Futures.await(d);

    assertTrue(a.succeeded());
    assertTrue(b.failed() && c.failed(), "b and c shared the failed batch");
    assertEquals("disk full", b.cause().getMessage());
    assertSame(b.cause(), c.cause());
    assertTrue(d.succeeded(), "a later batch is not affected");
  }

  @Test
  void commit_settlesOneEntry_onlyThatEntryFails() throws Exception {
    submit("a");
    writer.awaitBlocked();
    Future<Integer> bad = submit("fail-one");
    Future<Integer> good = submit("ok");
    writer.release();
    settled(Future.join(bad, good));

    assertTrue(bad.failed());
    assertEquals("conflict", bad.cause().getMessage());
    assertTrue(good.succeeded());
  }

  @Test
  void close_commitsWhatWasQueuedRunsTheHooksInOrderAndRefusesLaterEntries() throws Exception {
    submit("a");
    writer.awaitBlocked();
    Future<Integer> queued = submit("b");
    Future<Void> closed = batcher.close();
    Future<Integer> late = submit("late");
    writer.release();
    Futures.await(closed);
    settled(queued); // completed on its context, after the thread may have ended

    assertTrue(queued.succeeded());
    assertTrue(late.failed());
    assertInstanceOf(IllegalStateException.class, late.cause());
    assertEquals(List.of("a", "b", "final-line"), writer.committed);
    assertEquals(List.of("beforeClose", "closed"), writer.hooks);
    // The close completes from the writer thread just before that thread returns.
    batcher.thread().join(10_000);
    assertFalse(batcher.thread().isAlive());
  }

  @Test
  void interrupt_failsQueuedEntriesAndRefusesLaterOnes() throws Exception {
    Future<Integer> a = submit("a");
    writer.awaitBlocked();
    Future<Integer> queued = submit("b");
    batcher.thread().interrupt();
    batcher.thread().join(10_000);

    settled(Future.join(a, queued));
    assertTrue(queued.failed(), "nobody would ever commit it");
    Future<Integer> late = submit("c");
    assertTrue(late.failed());
    assertEquals(List.of("closed"), writer.hooks);
  }

  @Test
  void submitAtEndOfTick_onTheEventLoop_queuesTheTurnsEntriesAsOneBatchInOrder() {
    Context context = vertx.getOrCreateContext();
    Promise<List<Future<Integer>>> submitted = Promise.promise();
    context.runOnContext(
        v -> {
          List<Future<Integer>> turn = new ArrayList<>();
          for (String e : List.of("a", "b", "c", "d", "e")) {
            turn.add(batcher.submitAtEndOfTick(e, context));
          }
          submitted.complete(turn);
        });
    writer.release();

    List<Future<Integer>> turn = Futures.await(submitted.future());
    Futures.await(Future.all(turn));
    assertEquals(List.of("a", "b", "c", "d", "e"), writer.committed);
    assertEquals(
        List.of(5), writer.batchSizes, "one batch, past maxBatch (3): a turn stays together");
    assertEquals(5, turn.get(4).result());
  }

  @Test
  void submitAtEndOfTick_fromRequestContextsOfOneLoop_completesEachInOrderOnItsOwnContext() {
    ContextInternal loop = (ContextInternal) vertx.getOrCreateContext();
    List<ContextInternal> requests = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      requests.add(loop.duplicate());
    }
    List<String> completions = Collections.synchronizedList(new ArrayList<>());
    Promise<List<Future<Integer>>> submitted = Promise.promise();
    writer.release();
    loop.runOnContext(
        v -> {
          List<Future<Integer>> turn = new ArrayList<>();
          for (int i = 0; i < requests.size(); i++) {
            ContextInternal request = requests.get(i);
            String name = "r" + i;
            // As the pipeline does: each request submits while its own context is current.
            request.dispatch(
                ignored -> {
                  Future<Integer> f = batcher.submitAtEndOfTick(name, request);
                  f.onComplete(
                      ar -> {
                        completions.add(name + (Vertx.currentContext() == request ? "" : "?"));
                        if (name.equals("r0")) {
                          throw new IllegalStateException("a continuation fails");
                        }
                      });
                  turn.add(f);
                });
          }
          submitted.complete(turn);
        });

    List<Future<Integer>> turn = Futures.await(submitted.future());
    Futures.await(Future.all(turn));
    assertEquals(List.of("r0", "r1", "r2", "r3"), writer.committed);
    assertEquals(
        List.of("r0", "r1", "r2", "r3"),
        completions,
        "in order, each on its own context, and a failing continuation stops none after it");
  }

  @Test
  void submitAtEndOfTick_batchFails_failsEveryRequestOfTheLoop() {
    ContextInternal loop = (ContextInternal) vertx.getOrCreateContext();
    Promise<List<Future<Integer>>> submitted = Promise.promise();
    writer.release();
    loop.runOnContext(
        v -> {
          List<Future<Integer>> turn = new ArrayList<>();
          for (String e : List.of("x", "boom", "y")) {
            ContextInternal request = loop.duplicate();
            request.dispatch(ignored -> turn.add(batcher.submitAtEndOfTick(e, request)));
          }
          submitted.complete(turn);
        });

    List<Future<Integer>> turn = Futures.await(submitted.future());
    settled(Future.join(turn));
    for (Future<Integer> f : turn) {
      assertInstanceOf(java.io.IOException.class, f.cause());
    }
  }

  @Test
  void submitAtEndOfTick_turnEndsAfterClose_isSettledNotLeftWaiting() {
    Context context = vertx.getOrCreateContext();
    Promise<Future<Integer>> submitted = Promise.promise();
    writer.release();
    context.runOnContext(
        v -> {
          Future<Integer> accepted = batcher.submitAtEndOfTick("x", context);
          batcher.close();
          submitted.complete(accepted);
        });

    Future<Integer> accepted = Futures.await(submitted.future());
    settled(accepted);
    assertTrue(accepted.isComplete());
    Futures.await(batcher.close());
    assertEquals(List.of("beforeClose", "closed"), writer.hooks);
  }

  /** Waits until every future joined in {@code all} has completed, either way. */
  private static void settled(Future<?> all) {
    Futures.await(all.otherwiseEmpty());
  }

  private Future<Integer> submit(String entry) {
    Context context = vertx.getOrCreateContext();
    return batcher
        .submit(entry, context)
        .andThen(r -> writer.completedOnCallerContext.add(Vertx.currentContext() == context));
  }

  /**
   * Records what it commits; blocks in its first commit until released, so a test can queue a
   * second batch behind it. "boom-*" fails its batch, "fail-one" only itself.
   */
  private static final class RecordingWriter implements GroupCommit.Writer<String, Integer> {
    final List<String> committed = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    final List<String> hooks = Collections.synchronizedList(new ArrayList<>());
    final List<Boolean> completedOnCallerContext = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch blocked = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private GroupCommit<String, Integer> self;

    @Override
    public void commit(List<Slot<String, Integer>> batch) throws Exception {
      if (blocked.getCount() > 0) {
        blocked.countDown();
        released.await();
      }
      batchSizes.add(batch.size());
      for (Slot<String, Integer> slot : batch) {
        if (slot.entry().startsWith("boom")) {
          throw new java.io.IOException("disk full");
        }
      }
      for (Slot<String, Integer> slot : batch) {
        committed.add(slot.entry());
        if (slot.entry().equals("fail-one")) {
          slot.fail(new IllegalArgumentException("conflict"));
        } else {
          slot.succeed(committed.size());
        }
      }
    }

    @Override
    public void beforeClose() {
      hooks.add("beforeClose");
      self.submitUntracked("final-line");
    }

    @Override
    public void closed() {
      hooks.add("closed");
    }

    void awaitBlocked() throws InterruptedException {
      assertTrue(blocked.await(10, TimeUnit.SECONDS));
    }

    void release() {
      released.countDown();
    }
  }
}
