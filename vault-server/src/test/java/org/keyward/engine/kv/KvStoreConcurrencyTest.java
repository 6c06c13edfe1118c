package org.keyward.engine.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keyward.testing.TestClock;
import org.keyward.view.DeferredStorageView;
import org.keyward.view.InMemoryStorageView;

@ExtendWith(VertxExtension.class)
class KvStoreConcurrencyTest {
  private final InMemoryStorageView rows = new InMemoryStorageView();
  private final TestClock clock = new TestClock(Instant.parse("2026-03-22T02:36:43Z"));
  private final SecretPath path = new SecretPath("devices/shared");

  @Test
  void update_fiftyInterleavedWriters_getVersionsOneToFiftyEachOnce(Vertx vertx) throws Exception {
    KvStore store = new KvStore(new DeferredStorageView(rows, vertx.getOrCreateContext()), clock);
    store.updateConfig(c -> new KvConfig(100, false, 0)).await(10, TimeUnit.SECONDS);
    List<Future<WriteResult>> writes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      SecretData data = new SecretData(TestSecrets.password("writer-" + i));
      writes.add(store.update(path, SecretChanges.write(path, OptionalLong.empty(), data)));
    }

    Future.all(writes).await(10, TimeUnit.SECONDS);

    Set<Long> versions =
        writes.stream()
            .map(w -> w.result().version())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<Long> expected = LongStream.rangeClosed(1, 50).boxed().collect(Collectors.toSet());
    assertEquals(expected, versions);
    KeyMetadata meta = store.metadata(path).await(10, TimeUnit.SECONDS).orElseThrow();
    assertEquals(50, meta.currentVersion());
    assertEquals(expected, meta.versions().keySet());
    Set<String> passwords = new TreeSet<>();
    for (long v = 1; v <= 50; v++) {
      passwords.add(
          store
              .version(path, v)
              .await(10, TimeUnit.SECONDS)
              .orElseThrow()
              .reveal()
              .getString("password"));
    }
    assertEquals(50, passwords.size());
  }

  @Test
  void update_interleavedWritersToDifferentSecrets_doNotWaitForEachOther(Vertx vertx)
      throws Exception {
    KvStore store = new KvStore(new DeferredStorageView(rows, vertx.getOrCreateContext()), clock);
    List<Future<WriteResult>> writes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      SecretPath p = new SecretPath("devices/d" + (i % 4));
      writes.add(
          store.update(
              p,
              SecretChanges.write(
                  p, OptionalLong.empty(), new SecretData(TestSecrets.password("x")))));
    }

    Future.all(writes).await(10, TimeUnit.SECONDS);

    for (int d = 0; d < 4; d++) {
      SecretPath p = new SecretPath("devices/d" + d);
      assertEquals(5, store.metadata(p).await(10, TimeUnit.SECONDS).orElseThrow().currentVersion());
    }
    assertEquals(
        List.of("d0", "d1", "d2", "d3"), store.list("devices/").await(10, TimeUnit.SECONDS));
  }
}
