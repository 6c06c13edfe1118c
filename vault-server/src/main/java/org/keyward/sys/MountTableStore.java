package org.keyward.sys;

import io.vertx.core.Future;
import java.util.List;
import org.keyward.barrier.StorageView;
import org.keyward.barrier.ViewOp;
import org.keyward.engine.MountEntry;

/**
 * The persisted engine mounts: one entry, {@code core/mounts}, in the system view. A write expects
 * the entry to be unchanged since it was read, so two processes sharing storage cannot silently
 * drop each other's mounts (the loser's write fails).
 */
final class MountTableStore {
  static final String TABLE_KEY = "core/mounts";

  private final StorageView view;

  MountTableStore(StorageView view) {
    this.view = view;
  }

  Future<List<MountEntry>> read() {
    return view.get(TABLE_KEY).map(row -> row.map(MountTableCodec::decode).orElse(List.of()));
  }

  Future<Void> write(List<MountEntry> rows) {
    byte[] encoded = MountTableCodec.encode(rows);
    return view.read(TABLE_KEY)
        .compose(
            current ->
                view.transaction(
                    List.of(
                        ViewOp.expect(TABLE_KEY, current.map(c -> c.revision()).orElse(null)),
                        ViewOp.put(TABLE_KEY, encoded))));
  }
}
