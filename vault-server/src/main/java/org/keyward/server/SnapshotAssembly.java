package org.keyward.server;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.keyward.hsm.KeyProvider;
import org.keyward.http.Operation;
import org.keyward.snapshot.SnapshotRoutes;
import org.keyward.snapshot.SnapshotService;
import org.keyward.storage.Storage;

/**
 * Snapshots as the server runs them: the service over the raw storage, manifests signed with the
 * HSM snapshot key, work files under {@code workDir}, restores wrapped by the vault's reseal and
 * reload, and the {@code sys/storage/*} routes.
 */
final class SnapshotAssembly {
  private final SnapshotService snapshots;

  SnapshotAssembly(
      Vertx vertx,
      Storage storage,
      KeyProvider provider,
      String clusterId,
      Path workDir,
      Clock clock,
      SnapshotService.VaultReload reload) {
    this.snapshots =
        new SnapshotService(
            vertx, storage, new HsmManifestSigner(provider), clusterId, workDir, clock, reload);
  }

  SnapshotService service() {
    return snapshots;
  }

  List<Operation<?>> operations() {
    List<Operation<?>> ops = new ArrayList<>(new SnapshotRoutes(snapshots).operations());
    return ops;
  }
}
