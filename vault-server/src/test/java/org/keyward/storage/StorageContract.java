package org.keyward.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keyward.testing.Futures;

/**
 * The behaviour every {@link Storage} backend must show, written once and run against each real
 * backend by a subclass. Tests block the JUnit thread on futures (never an event loop) to read top
 * to bottom.
 */
@ExtendWith(VertxExtension.class)
public abstract class StorageContract {
  private static final SecureRandom RANDOM = new SecureRandom();

  protected Vertx vertx;
  protected Storage storage;

  /** A new, empty store for one test. */
  protected abstract Storage openEmpty(Vertx vertx) throws Exception;

  /** The same store as the last {@link #openEmpty}, opened again after a close. */
  protected abstract Storage reopen(Vertx vertx) throws Exception;

  /** Backend-specific checks after {@code writes} concurrent writes were acknowledged. */
  protected void assertGroupedCommits(int writes) {}

  @BeforeEach
  void openStorage(Vertx vertx) throws Exception {
    this.vertx = vertx;
    this.storage = openEmpty(vertx);
  }

  @AfterEach
  void closeStorage() {
    if (storage != null) {
      storage.close();
    }
  }

  @Test
  void get_absentKey_returnsEmpty() {
    assertEquals(Optional.empty(), await(storage.get("missing/key")));
  }

  @Test
  void put_thenGet_returnsSameBytes() {
    byte[] value = randomBytes(48);
    await(storage.put(new StorageEntry("core/keyring", value)));
    assertArrayEquals(value, await(storage.get("core/keyring")).orElseThrow().value());
  }

  @Test
  void put_existingKey_replacesValue() {
    await(storage.put(entry("a/b", "one")));
    await(storage.put(entry("a/b", "two")));
    assertEquals("two", text(await(storage.get("a/b")).orElseThrow()));
  }

  @Test
  void put_emptyValue_roundTrips() {
    await(storage.put(new StorageEntry("empty", new byte[0])));
    assertEquals(0, await(storage.get("empty")).orElseThrow().size());
  }

  @Test
  void delete_existingKey_removesIt_andAbsentKeySucceeds() {
    await(storage.put(entry("gone", "x")));
    await(storage.delete("gone"));
    assertEquals(Optional.empty(), await(storage.get("gone")));
    await(storage.delete("gone"));
    await(storage.delete("never/there"));
  }

  @Test
  void calls_completeOnCallersContext() throws Exception {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<List<Context>> seen = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          List<Context> contexts = new ArrayList<>();
          storage
              .put(entry("ctx/a", "1"))
              .onComplete(r -> contexts.add(Vertx.currentContext()))
              .compose(r -> storage.get("ctx/a"))
              .onComplete(r -> contexts.add(Vertx.currentContext()))
              .compose(r -> storage.list(""))
              .onComplete(r -> contexts.add(Vertx.currentContext()))
              .onComplete(r -> seen.complete(contexts));
        });
    List<Context> contexts = seen.get(10, TimeUnit.SECONDS);
    assertEquals(3, contexts.size());
    contexts.forEach(c -> assertSame(context, c));
  }

  @Test
  void list_showsImmediateChildrenAndFoldersSorted() {
    putAll("l/b", "l/a", "l/c/d", "l/c/e/f", "l/a.x", "l/a/deep/er", "l/d", "lx", "m/n");
    assertEquals(List.of("a", "a.x", "a/", "b", "c/", "d"), await(storage.list("l/")));
    assertEquals(List.of("d", "e/"), await(storage.list("l/c/")));
    assertEquals(List.of("f"), await(storage.list("l/c/e/")));
    assertEquals(List.of("deep/"), await(storage.list("l/a/")));
  }

  @Test
  void list_emptyPrefix_showsTopLevel() {
    putAll("top", "dir/one", "dir/two", "other/x/y");
    assertEquals(List.of("dir/", "other/", "top"), await(storage.list("")));
  }

  @Test
  void list_absentOrLeafPrefix_isEmpty() {
    putAll("leaf");
    assertEquals(List.of(), await(storage.list("nothing/")));
    assertEquals(List.of(), await(storage.list("leaf/")));
  }

  @Test
  void list_moreLeavesThanOneBatch_returnsAll() {
    List<String> expected = new ArrayList<>();
    List<StorageOp> puts = new ArrayList<>();
    for (int i = 0; i < ChildKeys.BATCH * 2 + 7; i++) {
      String name = String.format("k%04d", i);
      expected.add(name);
      puts.add(StorageOp.put(entry("many/" + name, "v")));
    }
    puts.add(StorageOp.put(entry("many/sub/x", "v")));
    expected.add("sub/");
    await(storage.transaction(puts));
    assertEquals(expected, await(storage.list("many/")));
  }

  @Test
  void scan_pagesThroughPrefixInOrder() {
    List<String> expected = new ArrayList<>();
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String key = String.format("scan/%02d/v", i);
      expected.add(key);
      writes.add(storage.put(entry(key, "v")));
    }
    writes.add(storage.put(entry("scam", "before")));
    writes.add(storage.put(entry("scan0", "after")));
    await(Future.all(writes));

    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    while (true) {
      List<String> page = await(storage.scan("scan/", after, 10));
      if (page.isEmpty()) {
        break;
      }
      assertTrue(page.size() <= 10);
      seen.addAll(page);
      after = page.get(page.size() - 1);
      pages++;
    }
    assertEquals(expected, seen);
    assertEquals(3, pages);
  }

  @Test
  void transaction_failedExpect_appliesNothing() {
    await(storage.put(entry("tx/guard", "v1")));
    await(storage.put(entry("tx/keep", "old")));
    List<StorageOp> ops =
        List.of(
            StorageOp.put(entry("tx/new", "n")),
            StorageOp.delete("tx/keep"),
            StorageOp.put(entry("tx/guard", "v2")),
            StorageOp.expect("tx/guard", bytes("v0")));

    Throwable failure = Futures.failure(storage.transaction(ops));

    assertInstanceOf(StorageConflictException.class, failure);
    assertEquals(Optional.empty(), await(storage.get("tx/new")));
    assertEquals("old", text(await(storage.get("tx/keep")).orElseThrow()));
    assertEquals("v1", text(await(storage.get("tx/guard")).orElseThrow()));
  }

  @Test
  void transaction_expectHolds_appliesAll() {
    await(storage.put(entry("cas/k", "v1")));
    await(
        storage.transaction(
            List.of(
                StorageOp.expect("cas/k", bytes("v1")),
                StorageOp.expect("cas/absent", null),
                StorageOp.put(entry("cas/k", "v2")),
                StorageOp.put(entry("cas/other", "o")))));
    assertEquals("v2", text(await(storage.get("cas/k")).orElseThrow()));
    assertEquals("o", text(await(storage.get("cas/other")).orElseThrow()));
  }

  @Test
  void transaction_expectAbsentOnPresentKey_conflicts() {
    await(storage.put(entry("present", "p")));
    Throwable failure =
        Futures.failure(
            storage.transaction(
                List.of(StorageOp.expect("present", null), StorageOp.put(entry("x", "x")))));
    assertInstanceOf(StorageConflictException.class, failure);
    assertEquals(Optional.empty(), await(storage.get("x")));
  }

  @Test
  void transaction_expectPresentOnAbsentKey_conflicts() {
    Throwable failure =
        Futures.failure(storage.transaction(List.of(StorageOp.expect("absent", bytes("v")))));
    assertInstanceOf(StorageConflictException.class, failure);
  }

  @Test
  void transaction_empty_succeeds() {
    await(storage.transaction(List.of()));
  }

  @Test
  void transaction_expectSeesEarlierOpsOfSameTransaction() {
    await(
        storage.transaction(
            List.of(
                StorageOp.put(entry("seq/k", "first")),
                StorageOp.expect("seq/k", bytes("first")),
                StorageOp.delete("seq/k"),
                StorageOp.expect("seq/k", null),
                StorageOp.put(entry("seq/k", "last")))));
    assertEquals("last", text(await(storage.get("seq/k")).orElseThrow()));
  }

  @Test
  void concurrentWriters_allAcknowledgedAndReadable() {
    int writers = 200;
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      writes.add(storage.put(entry("conc/" + i, "value-" + i)));
    }
    await(Future.all(writes));
    for (int i = 0; i < writers; i++) {
      assertEquals("value-" + i, text(await(storage.get("conc/" + i)).orElseThrow()));
    }
    assertEquals(writers, await(storage.list("conc/")).size());
    assertGroupedCommits(writers);
  }

  @Test
  void concurrentCompareAndSet_exactlyOneWinsPerRound() {
    int contenders = 8;
    await(storage.put(entry("counter", "round-0")));
    for (int round = 1; round <= 10; round++) {
      byte[] seen = await(storage.get("counter")).orElseThrow().value();
      List<Future<Void>> attempts = new ArrayList<>();
      for (int c = 0; c < contenders; c++) {
        attempts.add(
            storage.transaction(
                List.of(
                    StorageOp.expect("counter", seen),
                    StorageOp.put(entry("counter", "round-" + round + "-by-" + c)))));
      }
      await(Future.join(attempts).otherwiseEmpty());
      List<Integer> winners = new ArrayList<>();
      for (int c = 0; c < contenders; c++) {
        Future<Void> attempt = attempts.get(c);
        if (attempt.succeeded()) {
          winners.add(c);
        } else {
          assertInstanceOf(StorageConflictException.class, attempt.cause());
        }
      }
      assertEquals(1, winners.size(), "round " + round + " winners " + winners);
      assertEquals(
          "round-" + round + "-by-" + winners.get(0),
          text(await(storage.get("counter")).orElseThrow()));
    }
  }

  @Test
  void close_thenReopen_keepsAcknowledgedWrites() throws Exception {
    byte[] value = randomBytes(100);
    await(storage.put(new StorageEntry("durable/one", value)));
    await(storage.put(entry("durable/gone", "x")));
    await(storage.delete("durable/gone"));
    storage.close();

    storage = reopen(vertx);

    assertArrayEquals(value, await(storage.get("durable/one")).orElseThrow().value());
    assertEquals(Optional.empty(), await(storage.get("durable/gone")));
  }

  @Test
  void close_laterCalls_failWithStorageException() {
    storage.close();
    assertInstanceOf(StorageException.class, Futures.failure(storage.get("a")));
    assertInstanceOf(StorageException.class, Futures.failure(storage.put(entry("a", "b"))));
  }

  @Test
  void put_oneMebibyteValue_roundTrips() {
    byte[] value = randomBytes(1024 * 1024);
    await(storage.put(new StorageEntry("large/blob", value)));
    assertArrayEquals(value, await(storage.get("large/blob")).orElseThrow().value());
  }

  @Test
  void invalidKeysAndArguments_areRejected() {
    for (String bad : List.of("", "/abs", "a//b", "a/../b", "./a", "trailing/", "tab\tkey")) {
      assertInstanceOf(IllegalArgumentException.class, Futures.failure(storage.get(bad)), bad);
      assertInstanceOf(IllegalArgumentException.class, Futures.failure(storage.delete(bad)), bad);
    }
    for (String bad : List.of("noslash", "/abs/", "a//", "../")) {
      assertInstanceOf(IllegalArgumentException.class, Futures.failure(storage.list(bad)), bad);
    }
    assertInstanceOf(IllegalArgumentException.class, Futures.failure(storage.scan("a/", null, 0)));
    assertInstanceOf(IllegalArgumentException.class, Futures.failure(storage.transaction(null)));
    // The op records are public, so a bad key can skip the StorageOp factories' check.
    List<StorageOp> sneaky = List.of(StorageOp.put(entry("ok", "v")), new StorageOp.Delete("a//b"));
    assertInstanceOf(IllegalArgumentException.class, Futures.failure(storage.transaction(sneaky)));
    assertEquals(Optional.empty(), await(storage.get("ok")));
    assertThrows(IllegalArgumentException.class, () -> new StorageEntry("a//b", new byte[1]));
  }

  // ---- helpers ----

  protected static StorageEntry entry(String key, String value) {
    return new StorageEntry(key, bytes(value));
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected static String text(StorageEntry e) {
    return new String(e.value(), StandardCharsets.UTF_8);
  }

  protected static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private void putAll(String... keys) {
    List<Future<Void>> writes = new ArrayList<>();
    for (String key : keys) {
      writes.add(storage.put(entry(key, "v")));
    }
    await(Future.all(writes));
  }

  @Test
  void readConsistent_seesOnePoint_whileWritesCommit() {
    await(storage.put(entry("snap/a", "1")));
    await(storage.put(entry("snap/b", "1")));

    List<String> seen =
        await(
            storage.readConsistent(
                rows -> {
                  List<String> out = new ArrayList<>();
                  long count = rows.count();
                  // Committed after the read began: a consistent read must not see it.
                  await(storage.put(entry("snap/c", "2")));
                  await(storage.put(entry("snap/a", "2")));
                  rows.forEach((k, v) -> out.add(k + "=" + new String(v, StandardCharsets.UTF_8)));
                  out.add("count=" + count);
                  return out;
                }));

    assertEquals(List.of("snap/a=1", "snap/b=1", "count=2"), seen);
    assertEquals("2", text(await(storage.get("snap/a")).orElseThrow()));
  }

  @Test
  void replaceAll_swapsEveryRow_andAFailingSourceLeavesTheStoreUntouched() {
    await(storage.put(entry("old/1", "x")));
    await(storage.put(entry("keep/1", "live")));
    java.util.Iterator<StorageEntry> broken =
        List.of(entry("new/1", "n"), entry("new/2", "n")).iterator();

    Throwable failed =
        Futures.failure(
            storage.replaceAll(
                () -> {
                  if (!broken.hasNext()) {
                    throw new IllegalStateException("source broke after two rows");
                  }
                  return broken.next();
                }));
    java.util.Iterator<StorageEntry> good = List.of(entry("new/1", "n")).iterator();
    long written = await(storage.replaceAll(() -> good.hasNext() ? good.next() : null));

    assertEquals("source broke after two rows", failed.getMessage());
    assertEquals(1, written);
    assertEquals(Optional.empty(), await(storage.get("keep/1")));
    assertEquals(List.of("new/1"), await(storage.scan("", null, 10)));
  }
}
