package org.keyward.audit;

import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keyward.http.ApiError;

/**
 * The table of enabled devices: opens them into the {@link AuditLog}, persists their definitions,
 * and brings them back after unseal. A device is in the log only once it opened, and stays only if
 * its definition was stored. Thread-safe.
 */
public final class AuditDevices {
  private static final System.Logger LOG = System.getLogger(AuditDevices.class.getName());

  private final AuditLog log;
  private final AuditDeviceStore store;
  private final AuditDeviceFactory factory;
  private final Map<String, AuditDeviceConfig> configs = new LinkedHashMap<>();

  public AuditDevices(AuditLog log, AuditDeviceStore store, AuditDeviceFactory factory) {
    this.log = log;
    this.store = store;
    this.factory = factory;
  }

  public AuditLog log() {
    return log;
  }

  public synchronized List<AuditDeviceConfig> list() {
    return new ArrayList<>(configs.values());
  }

  /** Opens and stores a new device; 400 if the path is taken or an option is bad. */
  public Future<Void> enable(AuditDeviceConfig config) {
    synchronized (this) {
      if (configs.containsKey(config.path())) {
        return Future.failedFuture(ApiError.badRequest("path already in use: " + config.path()));
      }
      configs.put(config.path(), config);
    }
    return factory
        .open(config)
        .compose(
            device -> {
              log.add(device);
              return store
                  .put(config)
                  .recover(e -> log.remove(config.path()).transform(v -> Future.failedFuture(e)));
            })
        .onFailure(e -> forget(config.path()));
  }

  /** Closes and forgets the device; 400 if there is none at {@code path}. */
  public Future<Void> disable(String path) {
    synchronized (this) {
      if (!configs.containsKey(path)) {
        return Future.failedFuture(ApiError.badRequest("no audit device at " + path));
      }
    }
    return store
        .delete(path)
        .compose(v -> log.remove(path))
        .onSuccess(v -> forget(path))
        .mapEmpty();
  }

  /** Re-opens every stored device (after unseal); a device that fails to open is logged. */
  public Future<Void> restore() {
    return store
        .all()
        .compose(
            all -> {
              List<Future<Void>> opened = new ArrayList<>();
              for (AuditDeviceConfig config : all) {
                synchronized (this) {
                  if (configs.containsKey(config.path())) {
                    continue;
                  }
                  configs.put(config.path(), config);
                }
                opened.add(
                    factory
                        .open(config)
                        .<Void>map(
                            d -> {
                              log.add(d);
                              return null;
                            })
                        .onFailure(
                            e -> {
                              forget(config.path());
                              LOG.log(
                                  Level.ERROR,
                                  "audit device " + config.path() + " not restored",
                                  e);
                            }));
              }
              return Future.join(opened).mapEmpty();
            });
  }

  private synchronized void forget(String path) {
    configs.remove(path);
  }
}
