package org.keyward.barrier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;
import org.keyward.hsm.HsmException;
import org.keyward.http.ApiError;

/**
 * Runs blocking {@code KeyProvider} calls on the worker pool named {@code hsm}, never on an event
 * loop, in order within the calling context. The pool is shared with the other HSM users (CA
 * signing, transit HSM keys) and sized by the composition root from {@code hsm_sessions}; the
 * seal's own changes are serialized by its queue, not by the pool. Translates {@link HsmException}
 * into {@link ApiError#unavailable} with a public message; the HSM's own text (labels, {@code
 * CKR_*} codes) goes only to the log.
 */
final class HsmWorker implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(HsmWorker.class.getName());

  private final WorkerExecutor executor;

  HsmWorker(Vertx vertx) {
    // Joins the pool the composition root made (Vert.x keeps the first creator's size).
    this.executor = vertx.createSharedWorkerExecutor("hsm");
  }

  /** Runs {@code call} on the {@code hsm} pool; an {@link HsmException} fails it untranslated. */
  <T> Future<T> raw(Callable<T> call) {
    return executor.executeBlocking(call, true);
  }

  /** Runs {@code call} on the {@code hsm} pool, failing with a public {@link ApiError}. */
  <T> Future<T> call(String what, Callable<T> call) {
    return raw(call).recover(e -> Future.failedFuture(toApiError(what, e)));
  }

  static Throwable toApiError(String what, Throwable e) {
    if (e instanceof HsmException hsm) {
      LOG.log(Level.WARNING, what + " failed: " + hsm.kind() + ": " + hsm.getMessage());
      return switch (hsm.kind()) {
        case KEY_NOT_FOUND -> ApiError.unavailable("HSM key not found during " + what);
        case INTEGRITY -> ApiError.unavailable("HSM key did not open the keyring during " + what);
        default -> ApiError.unavailable("HSM unavailable during " + what);
      };
    }
    return e;
  }

  @Override
  public void close() {
    executor.close();
  }
}
