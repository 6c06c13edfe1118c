package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {
  @Test
  void acquire_beyondLimit_waitsUntilReleaseInOrder() {
    InFlightLimit limit = new InFlightLimit(2);

    CompletableFuture<Void> a = limit.acquire();
    CompletableFuture<Void> b = limit.acquire();
    CompletableFuture<Void> c = limit.acquire();
    CompletableFuture<Void> d = limit.acquire();
    boolean cWaited = !c.isDone();
    limit.release();

    assertTrue(a.isDone() && b.isDone());
    assertTrue(cWaited);
    assertTrue(c.isDone());
    assertFalse(d.isDone());
    limit.release();
    assertTrue(d.isDone());
  }

  @Test
  void release_withNoWaiters_freesSlot() {
    InFlightLimit limit = new InFlightLimit(1);
    limit.acquire();
    limit.release();

    assertTrue(limit.acquire().isDone());
    assertThrows(IllegalArgumentException.class, () -> new InFlightLimit(0));
  }
}
