package org.keyward.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyedSerialQueueTest {
  private final KeyedSerialQueue queue = new KeyedSerialQueue();
  private final List<String> started = new ArrayList<>();

  @Test
  void run_sameKey_startsTheNextOnlyAfterThePreviousEndedEvenInFailure() {
    Promise<String> first = Promise.promise();
    Future<String> a = queue.run("k", () -> record("a", first.future()));
    Future<String> b = queue.run("k", () -> record("b", Future.succeededFuture("b")));

    assertEquals(List.of("a"), started);
    assertFalse(b.isComplete());
    first.fail("boom");

    assertTrue(a.failed());
    assertEquals(List.of("a", "b"), started);
    assertEquals("b", b.result());
    assertEquals(0, queue.busyKeys());
  }

  @Test
  void run_otherKey_doesNotWait() {
    Promise<String> held = Promise.promise();
    queue.run("k1", () -> record("a", held.future()));
    Future<String> other = queue.run("k2", () -> record("b", Future.succeededFuture("b")));

    assertEquals("b", other.result());
    assertEquals(1, queue.busyKeys());
    held.complete("a");
    assertEquals(0, queue.busyKeys());
  }

  @Test
  void run_taskThrows_failsItsFutureAndFreesTheQueue() {
    Future<String> thrown =
        queue.run(
            () -> {
              throw new IllegalStateException("bug");
            });
    Future<String> next = queue.run(() -> record("next", Future.succeededFuture("ok")));

    assertTrue(thrown.failed());
    assertEquals("ok", next.result());
  }

  private Future<String> record(String name, Future<String> result) {
    started.add(name);
    return result;
  }
}
