package org.keyward.snapshot;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * Vault's snapshot paths (relative to the {@code sys/} mount), all sudo: {@code GET
 * storage/raft/snapshot} streams a snapshot, {@code POST storage/raft/snapshot} restores one of
 * this cluster, {@code POST storage/raft/snapshot-force} one of any cluster or key. The upload is
 * the raw request body, streamed to disk ({@link RequestContext#upload()}).
 */
public final class SnapshotRoutes {
  static final String OCTET_STREAM = "application/octet-stream";

  private final SnapshotService snapshots;

  public SnapshotRoutes(SnapshotService snapshots) {
    this.snapshots = snapshots;
  }

  public List<Operation<?>> operations() {
    return List.of(
        Operation.read("storage/raft/snapshot", r -> r, this::save).requiringSudo(),
        Operation.write("storage/raft/snapshot", SnapshotRoutes::upload, this::restore)
            .requiringSudo(),
        Operation.write("storage/raft/snapshot-force", SnapshotRoutes::upload, this::restoreForced)
            .requiringSudo());
  }

  /** The request's body stream; a router that read it already is a wiring mistake. */
  static ReadStream<Buffer> upload(RequestContext request) {
    return request
        .upload()
        .orElseThrow(() -> ApiError.badRequest("snapshot must be sent as the raw request body"));
  }

  private Future<VaultResponse> save(RequestContext ignored, RequestContext request) {
    return snapshots
        .saveTemporary()
        .map(info -> VaultResponse.temporaryFile(OCTET_STREAM, info.file()));
  }

  private Future<VaultResponse> restore(ReadStream<Buffer> upload, RequestContext request) {
    return restore(upload, false);
  }

  private Future<VaultResponse> restoreForced(ReadStream<Buffer> upload, RequestContext request) {
    return restore(upload, true);
  }

  private Future<VaultResponse> restore(ReadStream<Buffer> upload, boolean force) {
    return snapshots
        .receive(upload, SnapshotService.MAX_UPLOAD_BYTES)
        .compose(
            file ->
                snapshots
                    .restore(file, force)
                    .eventually(() -> snapshots.discard(file))
                    .map(info -> VaultResponse.noContent()));
  }
}
