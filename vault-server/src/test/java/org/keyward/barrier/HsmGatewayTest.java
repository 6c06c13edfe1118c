package org.keyward.barrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.await;
import static org.keyward.testing.Futures.failure;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keyward.hsm.HsmException;

class HsmGatewayTest {
  private final Vertx vertx = Vertx.vertx();
  private final InsecureTinkKeyProvider token = new InsecureTinkKeyProvider();
  private final HsmGateway hsm = new HsmGateway(vertx, token, 4, Duration.ofMinutes(1));

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @Test
  void callQueued_manyCallsFromAnEventLoop_eachGetsItsOwnOutcomeOnThatLoop() {
    int calls = 500;
    AtomicInteger offLoop = new AtomicInteger();
    Promise<List<String>> outcomes = Promise.promise();
    vertx.runOnContext(
        v -> {
          Thread loop = Thread.currentThread();
          List<Future<Integer>> futures = new ArrayList<>();
          for (int i = 0; i < calls; i++) {
            int n = i;
            futures.add(
                hsm.<Integer>callQueued(
                        "call " + n,
                        provider -> {
                          if (n % 7 == 3) {
                            throw new HsmException(HsmException.Kind.KEY_NOT_FOUND, "no key");
                          }
                          return n;
                        })
                    .andThen(
                        ar -> {
                          if (Thread.currentThread() != loop) {
                            offLoop.incrementAndGet();
                          }
                        }));
          }
          Future.join(futures)
              .onComplete(
                  all -> {
                    List<String> seen = new ArrayList<>();
                    for (Future<Integer> f : futures) {
                      seen.add(
                          f.succeeded()
                              ? String.valueOf(f.result())
                              : f.cause().getClass().getSimpleName());
                    }
                    outcomes.complete(seen);
                  });
        });

    List<String> seen = await(outcomes.future());

    for (int i = 0; i < calls; i++) {
      assertEquals(
          i % 7 == 3 ? "HsmUnavailableException" : String.valueOf(i), seen.get(i), "call " + i);
    }
    assertEquals(0, offLoop.get(), "completions that ran off the caller's event loop");
    assertTrue(hsm.isUp(), "a missing key is not a missing HSM");
  }

  @Test
  void callQueued_whileDown_failsWithoutCallingTheHsm() {
    token.unplug();
    assertInstanceOf(
        HsmUnavailableException.class, failure(hsm.callQueued("a", p -> p.versions("kek"))));
    int callsWhenDown = token.calls();

    HsmUnavailableException fast =
        assertInstanceOf(
            HsmUnavailableException.class, failure(hsm.callQueued("b", p -> p.versions("kek"))));

    assertEquals("HSM unavailable during b", fast.reason());
    assertEquals(callsWhenDown, token.calls(), "a call reached the HSM while it was down");
    assertFalse(hsm.isUp());
  }
}
