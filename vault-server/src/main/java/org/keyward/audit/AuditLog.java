package org.keyward.audit;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.keyward.http.ApiError;
import org.keyward.http.AuditSink;
import org.keyward.http.Authorizer;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * The pipeline's {@link AuditSink}: hands every event to every enabled device and succeeds once at
 * least one of them recorded it; fails when none could, so the pipeline answers 503 and the action
 * never runs (or its response is never sent).
 *
 * <p><b>No device enabled:</b> by default requests pass unaudited, as in Vault (a fresh server has
 * no audit device). With {@code requireDevice} set, every audited request fails until a device is
 * enabled. {@link #requiresDevice()} reports which, for {@code sys/audit} and the README.
 *
 * <p>Thread-safe: the device table is swapped as a whole on enable and disable.
 */
public final class AuditLog implements AuditSink {
  private final boolean requireDevice;
  private volatile Map<String, AuditDevice> devices = Map.of();

  public AuditLog(boolean requireDevice) {
    this.requireDevice = requireDevice;
  }

  public boolean requiresDevice() {
    return requireDevice;
  }

  /** Adds an opened device; fails if its path is taken. */
  public synchronized void add(AuditDevice device) {
    if (devices.containsKey(device.path())) {
      throw ApiError.badRequest("path already in use: " + device.path());
    }
    Map<String, AuditDevice> next = new LinkedHashMap<>(devices);
    next.put(device.path(), device);
    devices = java.util.Collections.unmodifiableMap(next);
  }

  /** Removes the device at {@code path} and closes it; empty if there was none. */
  public Future<Boolean> remove(String path) {
    AuditDevice removed;
    synchronized (this) {
      removed = devices.get(path);
      if (removed == null) {
        return Future.succeededFuture(false);
      }
      Map<String, AuditDevice> next = new LinkedHashMap<>(devices);
      next.remove(path);
      devices = java.util.Collections.unmodifiableMap(next);
    }
    return removed.close().map(true);
  }

  public Optional<AuditDevice> device(String path) {
    return Optional.ofNullable(devices.get(path));
  }

  /** Enabled devices in the order they were enabled. */
  public List<AuditDevice> devices() {
    return List.copyOf(devices.values());
  }

  @Override
  public Future<Void> request(RequestContext request, Authorizer.Decision decision) {
    return record(AuditEvent.request(request, decision));
  }

  @Override
  public Future<Void> response(RequestContext request, VaultResponse response) {
    return record(AuditEvent.response(request, response));
  }

  @Override
  public Future<Void> error(RequestContext request, ApiError error) {
    return record(AuditEvent.error(request, error));
  }

  @Override
  public Future<Void> requestAndResponse(
      RequestContext request,
      Authorizer.Decision decision,
      Instant requestTime,
      VaultResponse response) {
    return record(
        AuditEvent.request(request, decision, requestTime), AuditEvent.response(request, response));
  }

  @Override
  public Future<Void> requestAndError(
      RequestContext request, Authorizer.Decision decision, Instant requestTime, ApiError error) {
    return record(
        AuditEvent.request(request, decision, requestTime), AuditEvent.error(request, error));
  }

  /** Succeeds when at least one device recorded {@code event}. */
  public Future<Void> record(AuditEvent event) {
    return appendToAny(device -> device.append(event));
  }

  /**
   * Succeeds when at least one device recorded both {@code first} and {@code second}, in that
   * order; each device appends the two in one step where it can.
   */
  public Future<Void> record(AuditEvent first, AuditEvent second) {
    return appendToAny(device -> device.append(first, second));
  }

  private Future<Void> appendToAny(Function<AuditDevice, Future<Void>> append) {
    Map<String, AuditDevice> current = devices;
    if (current.isEmpty()) {
      return requireDevice
          ? Future.failedFuture(ApiError.unavailable("no audit device is enabled"))
          : Future.succeededFuture();
    }
    if (current.size() == 1) {
      return append.apply(current.values().iterator().next());
    }
    List<Future<Void>> appends = new ArrayList<>(current.size());
    for (AuditDevice device : current.values()) {
      appends.add(append.apply(device));
    }
    return Future.any(appends).mapEmpty();
  }

  /** Closes every device (server shutdown), each writing its final checkpoint. */
  public Future<Void> closeAll() {
    List<Future<Void>> closing = new ArrayList<>();
    for (AuditDevice d : devices()) {
      closing.add(d.close());
    }
    return Future.join(closing).mapEmpty();
  }
}
