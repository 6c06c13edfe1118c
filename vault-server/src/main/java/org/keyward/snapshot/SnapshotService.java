package org.keyward.snapshot;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.keyward.http.ApiError;
import org.keyward.storage.RowSource;
import org.keyward.storage.Storage;
import org.keyward.storage.StorageEntry;
import org.keyward.storage.StoredRows;

/**
 * Takes snapshots of the whole store and restores them. A snapshot is read from one consistent
 * point of the store ({@link Storage#readConsistent}) and streamed to a file, never held in memory;
 * a restore first checks the whole file (format, digest, signature, key and cluster), then replaces
 * the store in one transaction while the vault is sealed, and reloads it as after an unseal.
 */
public final class SnapshotService {
  private static final System.Logger LOG = System.getLogger(SnapshotService.class.getName());

  /** The raw keyring row, read only for the term it names (the barrier owns its format). */
  private static final String KEYRING_ROW = "core/keyring";

  /** Bounds an uploaded snapshot: larger than any store we serve, small enough to stop a flood. */
  public static final long MAX_UPLOAD_BYTES = 64L * 1024 * 1024 * 1024;

  /** Runs a wholesale replacement of storage with the vault sealed, then reloads it. */
  @FunctionalInterface
  public interface VaultReload {
    <T> Future<T> aroundRestore(Supplier<Future<T>> replace);
  }

  private final Vertx vertx;
  private final Storage storage;
  private final ManifestSigner signer;
  private final String clusterId;
  private final Path workDir;
  private final Clock clock;
  private final VaultReload reload;

  public SnapshotService(
      Vertx vertx,
      Storage storage,
      ManifestSigner signer,
      String clusterId,
      Path workDir,
      Clock clock,
      VaultReload reload) {
    this.vertx = vertx;
    this.storage = storage;
    this.signer = signer;
    this.clusterId = clusterId;
    this.workDir = workDir;
    this.clock = clock;
    this.reload = reload;
  }

  public String clusterId() {
    return clusterId;
  }

  public String storageType() {
    return storage.type();
  }

  /** Writes a snapshot to {@code target} (temporary name, fsync, rename). */
  public Future<SnapshotInfo> saveTo(Path target) {
    return storage.readConsistent(rows -> writeSnapshot(target, rows));
  }

  /** Writes a snapshot to a new file in the work directory, for streaming to a client. */
  public Future<SnapshotInfo> saveTemporary() {
    return workFile("snapshot").compose(this::saveTo);
  }

  private SnapshotInfo writeSnapshot(Path target, StoredRows rows) throws IOException {
    long count = rows.count();
    SnapshotHeader header =
        new SnapshotHeader(
            SnapshotHeader.FORMAT_VERSION,
            clusterId,
            clock.instant(),
            keyringTerm(rows.get(KEYRING_ROW)),
            count,
            storage.type());
    SnapshotManifest[] manifest = new SnapshotManifest[1];
    SnapshotFiles.writeAtomically(
        target,
        out -> {
          SnapshotWriter writer = new SnapshotWriter(out);
          writer.header(header);
          rows.forEach(writer::entry);
          if (writer.entries() != count) {
            throw new IOException("store changed under a consistent read");
          }
          manifest[0] = writer.finish(signer);
        });
    return new SnapshotInfo(target, Files.size(target), header, manifest[0]);
  }

  private static int keyringTerm(Optional<byte[]> row) {
    try {
      return row.map(
              bytes -> {
                JsonArray terms =
                    new JsonObject(new String(bytes, StandardCharsets.UTF_8)).getJsonArray("terms");
                int max = 0;
                for (int i = 0; i < terms.size(); i++) {
                  max = Math.max(max, terms.getJsonObject(i).getInteger("term"));
                }
                return max;
              })
          .orElse(0);
    } catch (RuntimeException e) {
      return 0; // an unreadable keyring row still goes into the snapshot as it is
    }
  }

  /** Checks a whole snapshot file offline: format, digest and signature; not key or cluster. */
  public Future<SnapshotInfo> verify(Path file) {
    return vertx.executeBlocking(() -> verifyBlocking(file), false);
  }

  static SnapshotInfo verifyBlocking(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      SnapshotReader reader = new SnapshotReader(in);
      SnapshotHeader header = reader.header();
      SnapshotManifest manifest = reader.verifyToEnd();
      return new SnapshotInfo(file, Files.size(file), header, manifest);
    }
  }

  /**
   * Restores {@code file}: refused with a 400 naming the reason when it is damaged, signed by
   * another key or taken from another cluster (unless {@code force}), leaving the store untouched;
   * otherwise replaces the store atomically and reloads the vault.
   */
  public Future<SnapshotInfo> restore(Path file, boolean force) {
    return vertx
        .executeBlocking(() -> trusted(verifyBlocking(file), force), false)
        .recover(SnapshotService::asBadRequest)
        .compose(
            info ->
                reload
                    .aroundRestore(() -> storage.replaceAll(fileRows(file)))
                    .recover(SnapshotService::asBadRequest)
                    .map(
                        rows -> {
                          LOG.log(
                              Level.INFO,
                              "restored snapshot of cluster "
                                  + info.header().clusterId()
                                  + " taken "
                                  + info.header().created()
                                  + ": "
                                  + rows
                                  + " entries");
                          return info;
                        }));
  }

  private SnapshotInfo trusted(SnapshotInfo info, boolean force) throws GeneralSecurityException {
    if (force) {
      return info;
    }
    if (!info.header().clusterId().equals(clusterId)) {
      throw new SnapshotRejectedException(
          "snapshot was taken from cluster "
              + info.header().clusterId()
              + ", not this cluster "
              + clusterId
              + "; restore it with snapshot-force if that is intended");
    }
    String ours = SnapshotManifest.keyIdOf(signer.publicKey().getEncoded());
    if (!info.manifest().keyId().equals(ours)) {
      throw new SnapshotRejectedException(
          "snapshot is signed by key "
              + info.manifest().keyId()
              + ", not this vault's snapshot key "
              + ours
              + "; restore it with snapshot-force if you trust that key");
    }
    return info;
  }

  /** Writes the entries of the (checked) snapshot {@code file} into {@code target}, atomically. */
  public Future<Long> restoreInto(Storage target, Path file) {
    return target.replaceAll(fileRows(file));
  }

  /** The key id of this vault's snapshot signing key (an HSM call, on a worker). */
  public Future<String> ownKeyId() {
    return vertx.executeBlocking(
        () -> SnapshotManifest.keyIdOf(signer.publicKey().getEncoded()), false);
  }

  /** A second pass over the file as the rows to write; it re-checks digest and signature. */
  private static RowSource fileRows(Path file) {
    return new RowSource() {
      private InputStream in;
      private SnapshotReader reader;

      @Override
      public StorageEntry next() throws IOException {
        if (reader == null) {
          in = Files.newInputStream(file);
          reader = new SnapshotReader(in);
          reader.header();
        }
        try {
          StorageEntry e = reader.next();
          if (e == null) {
            in.close();
          }
          return e;
        } catch (IOException | RuntimeException e) {
          in.close();
          throw e;
        }
      }
    };
  }

  private static <T> Future<T> asBadRequest(Throwable e) {
    if (e instanceof SnapshotRejectedException rejected) {
      return Future.failedFuture(ApiError.badRequest(rejected.getMessage()));
    }
    return Future.failedFuture(e);
  }

  /**
   * Streams {@code upload} into a new file in the work directory, refusing with 413 past {@code
   * maxBytes}. The caller deletes the file.
   */
  public Future<Path> receive(ReadStream<Buffer> upload, long maxBytes) {
    return workFile("upload")
        .compose(
            path ->
                vertx
                    .fileSystem()
                    .open(path.toString(), new OpenOptions().setWrite(true).setCreate(true))
                    .compose(file -> copy(upload, file, maxBytes))
                    .map(path)
                    .onFailure(e -> vertx.fileSystem().delete(path.toString())));
  }

  private Future<Void> copy(ReadStream<Buffer> upload, AsyncFile file, long maxBytes) {
    Promise<Void> done = Promise.promise();
    long[] total = {0};
    upload.exceptionHandler(e -> file.close().onComplete(ar -> done.tryFail(e)));
    upload.handler(
        buffer -> {
          total[0] += buffer.length();
          if (total[0] > maxBytes) {
            upload.handler(null);
            file.close().onComplete(ar -> done.tryFail(ApiError.of(413, "snapshot is too large")));
            return;
          }
          file.write(buffer);
          if (file.writeQueueFull()) {
            upload.pause();
            file.drainHandler(v -> upload.resume());
          }
        });
    upload.endHandler(
        v -> file.flush().compose(f -> file.close()).onComplete(ar -> complete(done, ar)));
    upload.resume();
    return done.future();
  }

  private static void complete(Promise<Void> done, AsyncResult<Void> ar) {
    if (ar.succeeded()) {
      done.tryComplete();
    } else {
      done.tryFail(ar.cause());
    }
  }

  /** A fresh path in the (private) work directory; the file itself is not created. */
  public Future<Path> workFile(String prefix) {
    return vertx.executeBlocking(
        () -> {
          SnapshotFiles.createPrivateDirectory(workDir);
          return workDir.resolve(prefix + "-" + UUID.randomUUID() + ".snap");
        },
        false);
  }

  /** Deletes a work file, ignoring a missing one. */
  public Future<Void> discard(Path file) {
    return vertx.executeBlocking(
        () -> {
          Files.deleteIfExists(file);
          return null;
        },
        false);
  }

  /** For tests: writes a snapshot of {@code rows} to {@code out}. */
  static void write(OutputStream out, SnapshotHeader header, StoredRows rows, ManifestSigner signer)
      throws IOException {
    SnapshotWriter writer = new SnapshotWriter(out);
    writer.header(header);
    rows.forEach(writer::entry);
    writer.finish(signer);
  }
}
