package org.keyward.engine.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.keyward.http.ApiError;
import org.keyward.testing.Futures;
import org.keyward.testing.TestClock;
import org.keyward.view.InMemoryStorageView;

class KvStoreTest {
  private final InMemoryStorageView view = new InMemoryStorageView();
  private final TestClock clock = new TestClock(Instant.parse("2026-03-22T02:36:43.123456789Z"));
  private final KvStore store = new KvStore(view, clock);
  private final SecretPath path = new SecretPath("devices/olt-17");

  @Test
  void write_newSecret_storesVersion1WithMetadataAndIndex() {
    WriteResult result = write(path, OptionalLong.empty(), TestSecrets.deviceParameters());

    assertEquals(1, result.version());
    assertEquals(
        List.of("index/devices/olt-17", path.metadataKey(), path.versionKey(1)),
        sorted(view.keys()));
    assertEquals(TestSecrets.deviceParameters(), store.version(path, 1).await().get().reveal());
    KeyMetadata meta = store.metadata(path).await().get();
    assertEquals(1, meta.currentVersion());
    assertEquals(0, meta.oldestVersion());
    assertEquals(clock.instant(), meta.createdTime());
  }

  @Test
  void write_twice_addsVersion2AndKeepsVersion1() {
    write(path, OptionalLong.empty(), TestSecrets.password("one"));
    clock.advance(Duration.ofSeconds(1));
    WriteResult second = write(path, OptionalLong.of(1), TestSecrets.password("two"));

    assertEquals(2, second.version());
    assertEquals(TestSecrets.password("one"), store.version(path, 1).await().get().reveal());
    assertEquals(TestSecrets.password("two"), store.version(path, 2).await().get().reveal());
    KeyMetadata meta = store.metadata(path).await().get();
    assertEquals(clock.instant(), meta.updatedTime());
    assertEquals(clock.instant().minusSeconds(1), meta.createdTime());
  }

  @Test
  void write_casMismatch_failsAndChangesNothing() {
    write(path, OptionalLong.empty(), TestSecrets.password("one"));
    Map<String, String> before = snapshot();

    ApiError error =
        Futures.apiError(update(path, OptionalLong.of(0), TestSecrets.password("two")));

    assertEquals(400, error.status());
    assertEquals(List.of(SecretChanges.CAS_MISMATCH), error.messages());
    assertEquals(before, snapshot());
  }

  @Test
  void write_casRequiredByMountWithoutCas_failsAndStoresNothing() {
    store.updateConfig(c -> new KvConfig(0, true, 0)).await();
    Map<String, String> before = snapshot();

    ApiError error =
        Futures.apiError(update(path, OptionalLong.empty(), TestSecrets.password("x")));

    assertEquals(List.of(SecretChanges.CAS_REQUIRED), error.messages());
    assertEquals(before, snapshot());
    assertEquals(1, write(path, OptionalLong.of(0), TestSecrets.password("x")).version());
  }

  @Test
  void write_casRequiredByKeyWithoutCas_fails() {
    store
        .update(
            path, SecretChanges.writeMetadata(path, s -> new MetadataSettings(true, 0, 0, null)))
        .await();

    ApiError error =
        Futures.apiError(update(path, OptionalLong.empty(), TestSecrets.password("x")));

    assertEquals(List.of(SecretChanges.CAS_REQUIRED), error.messages());
  }

  @Test
  void write_beyondMaxVersions_prunesOldestDataAndMetadata() {
    store
        .update(
            path, SecretChanges.writeMetadata(path, s -> new MetadataSettings(false, 3, 0, null)))
        .await();
    for (int i = 1; i <= 5; i++) {
      write(path, OptionalLong.empty(), TestSecrets.password("p" + i));
    }

    KeyMetadata meta = store.metadata(path).await().get();
    assertEquals(List.of(3L, 4L, 5L), List.copyOf(meta.versions().keySet()));
    assertEquals(3, meta.oldestVersion());
    assertTrue(store.version(path, 1).await().isEmpty());
    assertTrue(store.version(path, 2).await().isEmpty());
    assertEquals(TestSecrets.password("p3"), store.version(path, 3).await().get().reveal());
  }

  @Test
  void write_withMountDefault_keepsTenVersions() {
    for (int i = 1; i <= 12; i++) {
      write(path, OptionalLong.empty(), TestSecrets.password("p" + i));
    }

    KeyMetadata meta = store.metadata(path).await().get();
    assertEquals(10, meta.versions().size());
    assertEquals(3, meta.oldestVersion());
    assertEquals(12, meta.currentVersion());
  }

  @Test
  void write_withDeleteVersionAfter_setsDeletionTimeAhead() {
    store.updateConfig(c -> new KvConfig(0, false, 3600)).await();
    store
        .update(
            path, SecretChanges.writeMetadata(path, s -> new MetadataSettings(false, 0, 60, null)))
        .await();

    write(path, OptionalLong.empty(), TestSecrets.password("x"));

    VersionMetadata v = store.metadata(path).await().get().versions().get(1L);
    assertEquals(clock.instant().plusSeconds(60), v.deletionTime());
    assertTrue(v.liveAt(clock.instant()));
    assertFalse(v.liveAt(clock.instant().plusSeconds(60)));
  }

  @Test
  void deleteLatest_thenUndelete_restoresReadableVersion() {
    write(path, OptionalLong.empty(), TestSecrets.password("x"));

    store.update(path, SecretChanges.deleteLatest()).await();
    VersionMetadata deleted = store.metadata(path).await().get().versions().get(1L);
    assertEquals(clock.instant(), deleted.deletionTime());
    assertTrue(store.version(path, 1).await().isPresent(), "soft delete keeps the data");

    store.update(path, SecretChanges.mark(List.of(1L), SecretChanges.Mark.UNDELETE)).await();
    assertNull(store.metadata(path).await().get().versions().get(1L).deletionTime());
  }

  @Test
  void destroy_removesDataAndMarksVersion() {
    write(path, OptionalLong.empty(), TestSecrets.password("one"));
    write(path, OptionalLong.empty(), TestSecrets.password("two"));

    store.update(path, SecretChanges.mark(List.of(1L, 7L), SecretChanges.Mark.DESTROY)).await();

    KeyMetadata meta = store.metadata(path).await().get();
    assertTrue(meta.versions().get(1L).destroyed());
    assertFalse(meta.versions().get(2L).destroyed());
    assertTrue(store.version(path, 1).await().isEmpty());
    assertTrue(store.version(path, 2).await().isPresent());
    store.update(path, SecretChanges.mark(List.of(1L), SecretChanges.Mark.UNDELETE)).await();
    assertTrue(store.metadata(path).await().get().versions().get(1L).destroyed());
  }

  @Test
  void deleteAll_removesEveryRowOfTheSecretOnly() {
    SecretPath other = new SecretPath("devices/olt-18");
    write(other, OptionalLong.empty(), TestSecrets.password("keep"));
    Map<String, String> otherRows = snapshot();
    write(path, OptionalLong.empty(), TestSecrets.password("one"));
    write(path, OptionalLong.empty(), TestSecrets.password("two"));

    store.update(path, SecretChanges.deleteAll()).await();

    assertEquals(otherRows, snapshot());
  }

  @Test
  void list_secretAndFolderOfSameName_bothShown() {
    write(new SecretPath("a"), OptionalLong.empty(), TestSecrets.password("1"));
    write(new SecretPath("a/b"), OptionalLong.empty(), TestSecrets.password("2"));

    assertEquals(List.of("a", "a/"), store.list("").await());
    assertEquals(List.of("b"), store.list("a/").await());
    assertEquals(
        TestSecrets.password("1"), store.version(new SecretPath("a"), 1).await().get().reveal());
  }

  @Test
  void patch_mergesIntoCurrentVersion() {
    write(path, OptionalLong.empty(), TestSecrets.deviceParameters());
    JsonObject patch =
        new JsonObject()
            .put("ssh", new JsonObject().put("password", "rotated").put("legacy", null))
            .put("hostname", null);

    WriteResult result =
        store
            .update(
                path,
                SecretChanges.patch(
                    path,
                    OptionalLong.empty(),
                    v -> store.version(path, v),
                    base -> new SecretData(JsonMergePatch.apply(base.reveal(), patch))))
            .await();

    JsonObject expected = TestSecrets.deviceParameters();
    expected.remove("hostname");
    expected.getJsonObject("ssh").put("password", "rotated").remove("legacy");
    assertEquals(2, result.version());
    assertEquals(expected, store.version(path, 2).await().get().reveal());
  }

  @Test
  void update_whenAnotherWriterCommitsBetweenReadAndWrite_retriesWithoutLosingAVersion() {
    write(path, OptionalLong.empty(), TestSecrets.password("one"));
    ConflictingStorageView racing = new ConflictingStorageView(view, path.metadataKey(), 1);
    KvStore racingStore = new KvStore(racing, clock);

    WriteResult result =
        racingStore
            .update(path, SecretChanges.write(path, OptionalLong.empty(), secret("two")))
            .await();

    assertEquals(1, racing.conflictsCaused());
    assertEquals(2, result.version());
    assertEquals(2, store.metadata(path).await().get().currentVersion());
  }

  @Test
  void update_whenConflictsPersist_fails503AndChangesNothing() {
    write(path, OptionalLong.empty(), TestSecrets.password("one"));
    ConflictingStorageView racing =
        new ConflictingStorageView(view, path.metadataKey(), KvStore.MAX_ATTEMPTS);
    Map<String, String> before = snapshot();

    ApiError error =
        Futures.apiError(
            new KvStore(racing, clock)
                .update(path, SecretChanges.write(path, OptionalLong.empty(), secret("two"))));

    assertEquals(503, error.status());
    assertEquals(KvStore.MAX_ATTEMPTS, racing.conflictsCaused());
    assertEquals(before.keySet(), snapshot().keySet());
    assertEquals(1, store.metadata(path).await().get().currentVersion());
  }

  @Test
  void secretData_toString_isRedacted() {
    SecretData data = secret("s3cr3t!");
    DataWriteRequest request = new DataWriteRequest(path, OptionalLong.empty(), data);

    assertFalse(data.toString().contains("s3cr3t"));
    assertFalse(request.toString().contains("s3cr3t"));
    assertNotNull(request.toString());
  }

  @Test
  void update_fromExistenceCheckRead_writesWithoutSecondRead() {
    MetadataRead absent = new MetadataRead(path, store.readMetadata(path).await());

    WriteResult first =
        store
            .update(path, SecretChanges.write(path, OptionalLong.empty(), secret("one")), absent)
            .await();

    assertEquals(1, first.version());
    assertEquals(TestSecrets.password("one"), store.version(path, 1).await().get().reveal());
  }

  @Test
  void update_fromStaleExistenceCheckRead_rereadsAndLosesNoVersion() {
    // Another writer commits between the existence check and the write: the kept read is stale,
    // the guarded commit conflicts, and the retry must read afresh rather than overwrite.
    MetadataRead stale = new MetadataRead(path, store.readMetadata(path).await());
    write(path, OptionalLong.empty(), TestSecrets.password("one"));

    WriteResult second =
        store
            .update(path, SecretChanges.write(path, OptionalLong.empty(), secret("two")), stale)
            .await();

    assertEquals(2, second.version());
    assertEquals(TestSecrets.password("one"), store.version(path, 1).await().get().reveal());
    assertEquals(TestSecrets.password("two"), store.version(path, 2).await().get().reveal());
  }

  @Test
  void update_withReadOfAnotherPath_ignoresIt() {
    write(path, OptionalLong.empty(), TestSecrets.password("one"));
    SecretPath other = new SecretPath("devices/olt-18");
    MetadataRead otherRead = new MetadataRead(other, store.readMetadata(other).await());

    WriteResult second =
        store
            .update(path, SecretChanges.write(path, OptionalLong.empty(), secret("two")), otherRead)
            .await();

    assertEquals(2, second.version());
  }

  private WriteResult write(SecretPath p, OptionalLong cas, JsonObject data) {
    return update(p, cas, data).await();
  }

  private Future<WriteResult> update(SecretPath p, OptionalLong cas, JsonObject data) {
    return store.update(p, SecretChanges.write(p, cas, new SecretData(data)));
  }

  private static SecretData secret(String password) {
    return new SecretData(TestSecrets.password(password));
  }

  /** Every stored row as text, to assert that a failed request changed nothing. */
  private Map<String, String> snapshot() {
    Map<String, String> rows = new TreeMap<>();
    for (String key : view.keys()) {
      rows.put(
          key, new String(view.get(key).await().get(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return rows;
  }

  private static List<String> sorted(List<String> keys) {
    return keys.stream().sorted().toList();
  }
}
