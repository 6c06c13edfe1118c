package org.keyward.snapshot;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.keyward.view.StorageView;

/**
 * Runs the automated snapshot schedules: one Vert.x timer per schedule, a snapshot written to a
 * temporary name, fsynced and renamed, then the oldest files beyond {@code retain} deleted. Only
 * the active node takes them ({@code isActive}). A failing run (directory gone, read-only, disk
 * full) is logged, counted and shown in the schedule's status; it never touches serving.
 * Configurations live in the barrier, so they travel with snapshots and reload after an unseal.
 */
public final class SnapshotScheduler {
  private static final System.Logger LOG = System.getLogger(SnapshotScheduler.class.getName());
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Runs a drill on a file a schedule just wrote; its JSON result goes into the status. */
  @FunctionalInterface
  public interface DrillRunner {
    Future<JsonObject> drill(Path snapshot);
  }

  private final Vertx vertx;
  private final SnapshotService snapshots;
  private final StorageView configs;
  private final Clock clock;
  private final BooleanSupplier isActive;
  private volatile DrillRunner drills = file -> Future.succeededFuture(null);
  private final Map<String, Long> timers = new ConcurrentHashMap<>();
  private final Map<String, SnapshotSchedule> schedules = new ConcurrentHashMap<>();
  private final Map<String, ScheduleStatus> statuses = new ConcurrentHashMap<>();
  private final Map<String, Boolean> running = new ConcurrentHashMap<>();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong lastSuccessMillis = new AtomicLong();

  public SnapshotScheduler(
      Vertx vertx,
      SnapshotService snapshots,
      StorageView configs,
      Clock clock,
      BooleanSupplier isActive) {
    this.vertx = vertx;
    this.snapshots = snapshots;
    this.configs = configs;
    this.clock = clock;
    this.isActive = isActive;
  }

  /** Sets what runs after a snapshot of a schedule with {@code drill = true}. */
  public void drillWith(DrillRunner runner) {
    this.drills = runner;
  }

  /** Failed runs since start, for {@code keyward_snapshot_failures_total}. */
  public long failures() {
    return failures.get();
  }

  /** When the last run succeeded, in epoch seconds (0: never), for the metric of that name. */
  public double lastSuccessEpochSeconds() {
    return lastSuccessMillis.get() / 1000.0;
  }

  /** Reads every stored schedule and (re)starts the timers; after an unseal or a restore. */
  public Future<Void> reload() {
    return configs
        .list("")
        .compose(
            names -> {
              stopAll();
              List<Future<?>> loads = new ArrayList<>();
              for (String name : names) {
                loads.add(get(name).onSuccess(s -> s.ifPresent(this::start)));
              }
              return Future.join(loads).mapEmpty();
            });
  }

  public Future<Void> put(SnapshotSchedule schedule) {
    byte[] json = schedule.toJson().encode().getBytes(StandardCharsets.UTF_8);
    return configs.put(schedule.name(), json).onSuccess(v -> start(schedule));
  }

  public Future<Optional<SnapshotSchedule>> get(String name) {
    return configs
        .get(name)
        .map(
            bytes ->
                bytes.map(
                    b ->
                        SnapshotSchedule.from(
                            name, new JsonObject(new String(b, StandardCharsets.UTF_8)))));
  }

  public Future<List<String>> list() {
    return configs.list("");
  }

  public Future<Void> delete(String name) {
    return configs.delete(name).onSuccess(v -> stop(name));
  }

  /** The status of a configured schedule; empty when there is no such schedule. */
  public Optional<ScheduleStatus> status(String name) {
    if (!schedules.containsKey(name)) {
      return Optional.empty();
    }
    return Optional.of(statuses.getOrDefault(name, ScheduleStatus.NONE));
  }

  /** Every configured schedule's status as {@code snapshot-auto/status} shows it, by name. */
  public Future<JsonObject> statuses() {
    return list()
        .map(
            names -> {
              JsonObject all = new JsonObject();
              for (String name : names) {
                all.put(name, statuses.getOrDefault(name, ScheduleStatus.NONE).toJson());
              }
              return all;
            });
  }

  /** Cancels every timer (at seal or shutdown). */
  public void stopAll() {
    List.copyOf(timers.keySet()).forEach(this::stop);
  }

  private void start(SnapshotSchedule schedule) {
    stop(schedule.name());
    schedules.put(schedule.name(), schedule);
    long id = vertx.setPeriodic(schedule.interval().toMillis(), t -> runIfActive(schedule.name()));
    timers.put(schedule.name(), id);
  }

  private void stop(String name) {
    Long id = timers.remove(name);
    if (id != null) {
      vertx.cancelTimer(id);
    }
    schedules.remove(name);
  }

  private void runIfActive(String name) {
    SnapshotSchedule schedule = schedules.get(name);
    if (schedule == null || !isActive.getAsBoolean() || running.putIfAbsent(name, true) != null) {
      return; // a run still going is not overlapped
    }
    run(schedule).onComplete(ar -> running.remove(name));
  }

  /** One run of {@code schedule}: snapshot, prune, optional drill; failures go to its status. */
  Future<Void> run(SnapshotSchedule schedule) {
    Instant now = clock.instant();
    Path target =
        schedule
            .pathPrefix()
            .resolve(schedule.filePrefix() + "-" + STAMP.format(now) + SnapshotSchedule.SUFFIX);
    return vertx
        .executeBlocking(() -> requireDirectory(schedule.pathPrefix()), false)
        .compose(v -> snapshots.saveTo(target))
        .compose(info -> vertx.executeBlocking(() -> prune(schedule, info), false))
        .compose(
            info -> {
              statuses.merge(
                  schedule.name(),
                  ScheduleStatus.NONE.succeeded(now, info.file().toString(), info.size()),
                  (old, fresh) -> old.succeeded(now, info.file().toString(), info.size()));
              lastSuccessMillis.set(now.toEpochMilli());
              return schedule.drill() ? drill(schedule, info.file()) : Future.succeededFuture();
            })
        .recover(
            e -> {
              String error = describe(e);
              failures.incrementAndGet();
              statuses.merge(
                  schedule.name(),
                  ScheduleStatus.NONE.failed(now, error),
                  (old, fresh) -> old.failed(now, error));
              LOG.log(
                  Level.WARNING, "automated snapshot '" + schedule.name() + "' failed: " + error);
              return Future.succeededFuture();
            });
  }

  private Future<Void> drill(SnapshotSchedule schedule, Path file) {
    return drills
        .drill(file)
        .map(
            result -> {
              statuses.computeIfPresent(schedule.name(), (n, s) -> s.drilled(result));
              return (Void) null;
            });
  }

  private static Void requireDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("directory " + dir + " does not exist");
    }
    return null;
  }

  /** Deletes the oldest files beyond {@code retain}; over {@code local_max_space}, the new one. */
  private static SnapshotInfo prune(SnapshotSchedule schedule, SnapshotInfo written)
      throws IOException {
    List<Path> files;
    try (Stream<Path> listed = Files.list(schedule.pathPrefix())) {
      files = listed.filter(p -> schedule.owns(p.getFileName().toString())).sorted().toList();
    }
    int excess = files.size() - schedule.retain();
    for (int i = 0; i < excess; i++) {
      Files.deleteIfExists(files.get(i));
    }
    if (schedule.localMaxSpace() > 0) {
      long used = 0;
      for (Path p : files.subList(Math.max(0, excess), files.size())) {
        used += Files.size(p);
      }
      if (used > schedule.localMaxSpace()) {
        Files.deleteIfExists(written.file());
        throw new IOException(
            "snapshots would take "
                + used
                + " bytes, over local_max_space "
                + schedule.localMaxSpace());
      }
    }
    return written;
  }

  /** A failure in words for the status: the innermost I/O cause names the file and problem. */
  private static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof IOException)) {
      cause = cause.getCause();
    }
    if (cause instanceof java.nio.file.AccessDeniedException denied) {
      return "permission denied writing " + denied.getFile();
    }
    if (cause instanceof java.nio.file.NoSuchFileException missing) {
      return "no such file or directory: " + missing.getFile();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
