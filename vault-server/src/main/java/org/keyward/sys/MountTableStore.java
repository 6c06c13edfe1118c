package org.keyward.sys;

import io.vertx.core.Future;
import java.util.List;
import org.keyward.engine.MountEntry;
import org.keyward.view.StorageView;
import org.keyward.view.ViewOp;

/**
 * The persisted mounts of one table: one entry ({@code core/mounts} or {@code core/auth}) in the
 * system view. A write expects the entry to be unchanged since it was read, so two processes
 * sharing storage cannot silently drop each other's mounts (the loser's write fails).
 */
final class MountTableStore {

  private final StorageView view;
  private final String key;

  MountTableStore(StorageView view, String key) {
    this.view = view;
    this.key = key;
  }

  Future<List<MountEntry>> read() {
    return view.get(key).map(row -> row.map(MountTableCodec::decode).orElse(List.of()));
  }

  Future<Void> write(List<MountEntry> rows) {
    byte[] encoded = MountTableCodec.encode(rows);
    return view.read(key)
        .compose(
            current ->
                view.transaction(
                    List.of(
                        ViewOp.expect(key, current.map(c -> c.revision()).orElse(null)),
                        ViewOp.put(key, encoded))));
  }
}
