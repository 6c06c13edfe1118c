package org.keyward.sys;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.keyward.concurrent.KeyedSerialQueue;
import org.keyward.engine.BackendContext;
import org.keyward.engine.BackendFactory;
import org.keyward.engine.MountEntry;
import org.keyward.engine.MountedBackend;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.OperationLookup;
import org.keyward.view.StorageView;

/**
 * Which mount serves which path. Built-in mounts ({@code sys/}, {@code auth/token/}) are registered
 * by the wiring and always served; other mounts are persisted as one entry in the system view
 * ({@code core/mounts} for secrets engines, {@code core/auth} for auth methods: one table instance
 * per {@link MountKind}), and each keeps its data in its own view ({@code logical/<uuid>/} or
 * {@code auth/<uuid>/}).
 *
 * <p>{@link #find} reads an immutable {@link MountSnapshot} from a volatile field: no lock and no
 * storage on the request path. Changes (mount, unmount, tune, load) run one at a time, persist
 * first and publish a new snapshot after, so a request sees either the old table or the new one.
 */
public final class MountTable implements OperationLookup {
  private static final System.Logger LOG = System.getLogger(MountTable.class.getName());

  private final Vertx vertx;
  private final MountKind kind;
  private final MountTableStore store;
  private final Function<String, StorageView> views;
  private final Map<String, BackendFactory> factories = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private volatile MountSnapshot snapshot = MountSnapshot.EMPTY;

  /** Mount, tune, unmount and load run one at a time, so none sees another half done. */
  private final KeyedSerialQueue changes = new KeyedSerialQueue();

  private volatile Function<MountEntry, Future<Void>> afterUnmount = e -> Future.succeededFuture();

  /**
   * @param systemView where {@code core/mounts} lives
   * @param views the barrier view for a prefix such as {@code logical/<uuid>/}
   * @param factories one per backend type; two with the same type are a wiring error
   */
  public MountTable(
      Vertx vertx,
      StorageView systemView,
      Function<String, StorageView> views,
      List<BackendFactory> factories) {
    this(vertx, MountKind.SECRETS, systemView, views, factories);
  }

  /** A table of {@code kind}; see {@link #MountTable(Vertx, StorageView, Function, List)}. */
  public MountTable(
      Vertx vertx,
      MountKind kind,
      StorageView systemView,
      Function<String, StorageView> views,
      List<BackendFactory> factories) {
    this.vertx = vertx;
    this.kind = kind;
    this.store = new MountTableStore(systemView, kind.tableKey());
    this.views = views;
    for (BackendFactory f : factories) {
      if (this.factories.putIfAbsent(f.type(), f) != null) {
        throw new IllegalArgumentException("two backend factories of type " + f.type());
      }
    }
  }

  /** Serves {@code ops} at {@code path} (e.g. {@code sys/}) from now on; never persisted. */
  public synchronized void addBuiltIn(
      String path, String type, String description, List<Operation<?>> ops) {
    String normalized = MountPaths.normalize(path);
    MountEntry entry =
        new MountEntry(
            normalized,
            type,
            UUID.randomUUID().toString(),
            newAccessor(type),
            description,
            Map.of(),
            0,
            0);
    snapshot = snapshot.withBuiltIn(entry, new Mounted(normalized, type, ops));
  }

  /**
   * Runs {@code action} once a mount being disabled is no longer served and before it is removed
   * from storage (auth methods: revoke the tokens they issued). Its failure fails the disable call
   * and puts the mount back, so the call can be retried.
   */
  public void afterUnmount(Function<MountEntry, Future<Void>> action) {
    this.afterUnmount = action;
  }

  @Override
  public Mounted find(String path) {
    return snapshot.find(path);
  }

  /** The entry of the mount serving {@code path} (built-ins included), if any. */
  public Optional<MountEntry> mountServing(String path) {
    MountSnapshot s = snapshot;
    Mounted m = s.find(path.endsWith("/") ? path : path + "/");
    return m == null ? Optional.empty() : Optional.ofNullable(s.entries().get(m.mountPath()));
  }

  /** The running backend mounted at exactly {@code path} (e.g. {@code pki/}), if any. */
  public Optional<MountedBackend> backend(String path) {
    return Optional.ofNullable(snapshot.backends().get(MountPaths.normalize(path)));
  }

  /** The backend mounts, in path order. */
  public List<MountEntry> backendMounts() {
    return snapshot.backendEntries();
  }

  /** All mounts, built-ins included, in path order. */
  public List<MountEntry> allMounts() {
    List<MountEntry> out = new ArrayList<>(snapshot.entries().values());
    out.sort((a, b) -> a.path().compareTo(b.path()));
    return out;
  }

  /**
   * Reads {@code core/mounts} and starts every backend in it (after unseal). A mount whose type has
   * no factory or whose backend fails to start is logged and left unserved, not dropped from
   * storage.
   */
  public Future<Void> load() {
    return changes.run(
        () ->
            store
                .read()
                .compose(
                    rows -> {
                      List<Future<Void>> started = new ArrayList<>();
                      for (MountEntry entry : rows) {
                        if (snapshot.entries().containsKey(entry.path())) {
                          continue; // already served: a second load starts nothing twice
                        }
                        started.add(startAndPublish(entry).recover(e -> logSkipped(entry, e)));
                      }
                      return Future.all(started).mapEmpty();
                    }));
  }

  /**
   * A mount in storage with its backend built but not started (no background work, not served): a
   * restore drill checks the keys of a scratch copy through these.
   */
  public record Unstarted(MountEntry entry, MountedBackend backend) {}

  /** Builds, without starting or serving them, the backends of every mount in storage. */
  public Future<List<Unstarted>> unstartedBackends() {
    return store
        .read()
        .map(
            rows -> {
              List<Unstarted> out = new ArrayList<>();
              for (MountEntry entry : rows) {
                BackendFactory factory = factories.get(entry.type());
                if (factory != null) {
                  out.add(new Unstarted(entry, factory.create(context(entry))));
                }
              }
              return out;
            });
  }

  /** Stops every backend and serves only built-ins (on seal or shutdown). */
  public synchronized void unload() {
    MountSnapshot old = snapshot;
    snapshot = old.builtInsOnly();
    old.backends().values().forEach(MountedBackend::stop);
  }

  /** Enables a new backend mount; 400 for a reserved, overlapping or unsupported request. */
  public Future<MountEntry> mount(MountEnableRequest request) {
    return changes.run(
        () -> {
          String type = request.type().equals("kv-v2") ? "kv" : request.type();
          if (!factories.containsKey(type)) {
            throw ApiError.badRequest("unknown " + kind.noun() + " type '" + type + "'");
          }
          kind.checkAvailable(request.path(), snapshot.entries().keySet());
          MountEntry entry =
              new MountEntry(
                  request.path(),
                  type,
                  UUID.randomUUID().toString(),
                  newAccessor(type),
                  request.description(),
                  MountOptions.normalize(type, request.options()),
                  request.defaultLeaseTtl(),
                  request.maxLeaseTtl());
          MountedBackend backend = factories.get(type).create(context(entry));
          List<MountEntry> rows = new ArrayList<>(snapshot.backendEntries());
          rows.add(entry);
          return backend
              .start()
              .compose(v -> store.write(rows))
              .onFailure(e -> backend.stop())
              .map(
                  v -> {
                    publish(current -> current.with(entry, mounted(entry, backend), backend));
                    return entry;
                  });
        });
  }

  /**
   * Mounts {@code type} at {@code path} unless something is mounted there (dev mode), described as
   * its factory describes it.
   */
  public Future<Void> ensureDefault(String path, String type, Map<String, String> options) {
    String normalized = MountPaths.normalize(path);
    if (snapshot.entries().containsKey(normalized)) {
      return Future.succeededFuture();
    }
    BackendFactory factory = factories.get(type);
    String description = factory == null ? "" : factory.description();
    return mount(new MountEnableRequest(normalized, type, description, options, 0, 0)).mapEmpty();
  }

  /**
   * Disables a mount: it stops being served, the after-unmount work runs, the table is persisted,
   * its backend is stopped, and its data rows are deleted in the background. If the work or the
   * write fails the mount is served again. 400 for a built-in or unknown path.
   */
  public Future<Void> unmount(String rawPath) {
    String path = MountPaths.normalize(rawPath);
    return changes.run(
        () -> {
          MountSnapshot s = snapshot;
          if (s.isBuiltIn(path)) {
            throw ApiError.badRequest("cannot unmount '" + path + "': it is built in");
          }
          MountEntry entry = s.entries().get(path);
          if (entry == null) {
            throw ApiError.badRequest("no " + kind.noun() + " is mounted at '" + path + "'");
          }
          List<MountEntry> rows = new ArrayList<>(s.backendEntries());
          rows.removeIf(e -> e.path().equals(path));
          Mounted route = s.routes().get(path);
          MountedBackend backend = s.backends().get(path);
          // Stop serving first (no new logins), then run the after-unmount work (an auth mount's
          // token revocation), and only then drop the mount from storage: if that work fails the
          // mount is put back, so the call can be retried rather than leaving work undone behind
          // a mount that no longer exists.
          publish(current -> current.without(path));
          return afterUnmount
              .apply(entry)
              .compose(v -> store.write(rows))
              .onFailure(e -> publish(current -> current.with(entry, route, backend)))
              .map(
                  v -> {
                    if (backend != null) {
                      backend.stop();
                    }
                    eraseInBackground(entry);
                    return null;
                  });
        });
  }

  /** Changes a mount's description, TTLs or options; the backend keeps running. */
  public Future<MountEntry> tune(MountTuneRequest request) {
    return changes.run(
        () -> {
          MountSnapshot s = snapshot;
          MountEntry old = s.entries().get(request.path());
          if (old == null || s.isBuiltIn(request.path())) {
            throw ApiError.badRequest(
                "no " + kind.noun() + " is mounted at '" + request.path() + "'");
          }
          MountEntry tuned = request.applyTo(old);
          MountOptions.normalize(tuned.type(), tuned.options());
          List<MountEntry> rows = new ArrayList<>(s.backendEntries());
          rows.replaceAll(e -> e.path().equals(tuned.path()) ? tuned : e);
          return store
              .write(rows)
              .map(
                  v -> {
                    publish(current -> current.withEntry(tuned));
                    return tuned;
                  });
        });
  }

  private Future<Void> startAndPublish(MountEntry entry) {
    BackendFactory factory = factories.get(entry.type());
    if (factory == null) {
      return Future.failedFuture(new IllegalStateException("no backend of type " + entry.type()));
    }
    MountedBackend backend = factory.create(context(entry));
    return backend
        .start()
        .onSuccess(v -> publish(current -> current.with(entry, mounted(entry, backend), backend)));
  }

  private static Future<Void> logSkipped(MountEntry entry, Throwable e) {
    LOG.log(
        System.Logger.Level.ERROR,
        "mount '" + entry.path() + "' (" + entry.type() + ") not served: " + e.getMessage());
    return Future.succeededFuture();
  }

  private BackendContext context(MountEntry entry) {
    return new BackendContext(vertx, entry, views.apply(dataPrefix(entry)));
  }

  String dataPrefix(MountEntry entry) {
    return kind.dataPrefix() + entry.uuid() + "/";
  }

  private static Mounted mounted(MountEntry entry, MountedBackend backend) {
    return new Mounted(entry.path(), entry.type(), backend.operations());
  }

  /** Applies {@code change} to the latest snapshot under the lock, so no change is lost. */
  private synchronized void publish(UnaryOperator<MountSnapshot> change) {
    snapshot = change.apply(snapshot);
  }

  private void eraseInBackground(MountEntry entry) {
    MountDataEraser.erase(views.apply(dataPrefix(entry)))
        .onFailure(
            e ->
                LOG.log(
                    System.Logger.Level.WARNING,
                    "data of unmounted '"
                        + entry.path()
                        + "' ("
                        + entry.uuid()
                        + ") not fully deleted: "
                        + e.getClass().getSimpleName()));
  }

  private String newAccessor(String type) {
    byte[] b = new byte[4];
    random.nextBytes(b);
    return type + "_" + HexFormat.of().formatHex(b);
  }
}
