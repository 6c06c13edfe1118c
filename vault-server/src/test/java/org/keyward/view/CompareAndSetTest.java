package org.keyward.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.keyward.testing.Futures;
import org.keyward.view.CompareAndSet.Plan;

class CompareAndSetTest {
  private static final String KEY = "counter";
  private final InMemoryStorageView view = new InMemoryStorageView();

  @Test
  void update_absentKey_createsItAndAnswersThePlansResult() {
    Future<String> result =
        CompareAndSet.update(view, KEY, 3, current -> increment(current, "created"));

    assertEquals("created", result.await());
    assertEquals("1", value());
  }

  @Test
  void update_entryWrittenWhilePlanning_retriesFromAFreshRead() {
    view.put(KEY, bytes("5")).await();
    AtomicInteger attempts = new AtomicInteger();

    String result =
        CompareAndSet.update(
                view,
                KEY,
                3,
                current -> {
                  if (attempts.incrementAndGet() == 1) {
                    // Another writer gets in between this read and the commit.
                    return view.put(KEY, bytes("10")).compose(v -> increment(current, "first"));
                  }
                  return increment(current, "second");
                })
            .await();

    assertEquals("second", result);
    assertEquals(2, attempts.get());
    assertEquals("11", value(), "the lost first attempt must not have written 6");
  }

  @Test
  void update_conflictOnEveryAttempt_failsWithTheConflictAfterMaxAttempts() {
    view.put(KEY, bytes("0")).await();
    AtomicInteger attempts = new AtomicInteger();

    Future<String> result =
        CompareAndSet.update(
            view,
            KEY,
            4,
            current -> {
              attempts.incrementAndGet();
              return view.put(KEY, bytes("9")).compose(v -> increment(current, "never"));
            });

    assertInstanceOf(ViewConflictException.class, Futures.failure(result));
    assertEquals(4, attempts.get());
    assertEquals("9", value());
  }

  @Test
  void update_plannerRefuses_failsAtOnceWithItsError() {
    IllegalStateException refusal = new IllegalStateException("no");
    AtomicInteger attempts = new AtomicInteger();

    Future<String> result =
        CompareAndSet.update(
            view,
            KEY,
            5,
            current -> {
              attempts.incrementAndGet();
              return Future.failedFuture(refusal);
            });

    assertSame(refusal, Futures.failure(result));
    assertEquals(1, attempts.get());
  }

  @Test
  void update_unchangedPlan_writesNothing() {
    String result =
        CompareAndSet.update(
                view, KEY, 1, current -> Future.succeededFuture(Plan.unchanged("same")))
            .await();

    assertEquals("same", result);
    assertTrue(view.keys().isEmpty());
  }

  @Test
  void update_staleFirstRead_isCaughtAndRetriedWithAFreshRead() {
    view.put(KEY, bytes("1")).await();
    Optional<StoredValue> stale = view.read(KEY).await();
    view.put(KEY, bytes("7")).await();

    CompareAndSet.update(view, KEY, stale, 2, current -> increment(current, "ok")).await();

    assertEquals("8", value());
  }

  @Test
  void retry_nonConflictFailure_isNotRetried() {
    AtomicInteger attempts = new AtomicInteger();

    Future<Void> result =
        CompareAndSet.retry(
            3,
            n -> {
              attempts.incrementAndGet();
              return Future.failedFuture(new IllegalStateException("storage down"));
            });

    assertInstanceOf(IllegalStateException.class, Futures.failure(result));
    assertEquals(1, attempts.get());
  }

  private Future<Plan<String>> increment(Optional<StoredValue> current, String result) {
    int next =
        current
                .map(s -> Integer.parseInt(new String(s.plaintext(), StandardCharsets.UTF_8)))
                .orElse(0)
            + 1;
    return Future.succeededFuture(
        Plan.write(List.of(ViewOp.put(KEY, bytes(Integer.toString(next)))), result));
  }

  private String value() {
    return new String(view.get(KEY).await().orElseThrow(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
