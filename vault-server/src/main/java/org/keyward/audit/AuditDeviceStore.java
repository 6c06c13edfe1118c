package org.keyward.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.keyward.view.StorageView;

/**
 * Persists the devices enabled through the API, one entry per device under {@code devices/} of a
 * {@link StorageView} (the barrier encrypts them, HMAC keys included). The server re-opens them
 * from {@link #all()} after unseal.
 */
public final class AuditDeviceStore {
  private static final String PREFIX = "devices/";
  private final StorageView view;

  public AuditDeviceStore(StorageView view) {
    this.view = view;
  }

  public Future<Void> put(AuditDeviceConfig config) {
    return view.put(key(config.path()), config.storedJson().toBuffer().getBytes());
  }

  public Future<Void> delete(String path) {
    return view.delete(key(path));
  }

  public Future<List<AuditDeviceConfig>> all() {
    return view.list(PREFIX)
        .compose(
            names -> {
              List<Future<java.util.Optional<byte[]>>> reads = new ArrayList<>();
              for (String name : names) {
                if (!name.endsWith("/")) {
                  reads.add(view.get(PREFIX + name));
                }
              }
              return Future.all(reads)
                  .map(
                      all -> {
                        List<AuditDeviceConfig> out = new ArrayList<>();
                        for (Future<java.util.Optional<byte[]>> r : reads) {
                          r.result()
                              .ifPresent(
                                  b ->
                                      out.add(
                                          AuditDeviceConfig.fromStored(
                                              new JsonObject(
                                                  io.vertx.core.buffer.Buffer.buffer(b)))));
                        }
                        return out;
                      });
            });
  }

  private static String key(String path) {
    return PREFIX + path.substring(0, path.length() - 1);
  }
}
