package org.keyward.sys;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.keyward.view.StorageView;

/** Deletes every row under a view, folder by folder, after its mount was disabled. */
final class MountDataEraser {
  private MountDataEraser() {}

  static Future<Void> erase(StorageView view) {
    return eraseFolder(view, "");
  }

  private static Future<Void> eraseFolder(StorageView view, String prefix) {
    return view.list(prefix)
        .compose(
            children -> {
              List<Future<Void>> each = new ArrayList<>();
              for (String child : children) {
                each.add(
                    child.endsWith("/")
                        ? eraseFolder(view, prefix + child)
                        : view.delete(prefix + child));
              }
              return Future.all(each).mapEmpty();
            });
  }
}
