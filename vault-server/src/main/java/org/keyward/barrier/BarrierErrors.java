package org.keyward.barrier;

import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import org.keyward.http.ApiError;
import org.keyward.storage.StorageException;
import org.keyward.storage.StorageFencedException;

/**
 * Turns barrier failures into what a client may see. An entry that fails its integrity check is a
 * server-side problem (the row was moved or altered in the database), so it answers 500, but with a
 * message that says so instead of a bare {@code internal error}; the key goes only to the log. Use
 * as {@code view.get(k).recover(BarrierErrors::recover)}.
 */
public final class BarrierErrors {
  private static final System.Logger LOG = System.getLogger(BarrierErrors.class.getName());

  private BarrierErrors() {}

  public static <T> Future<T> recover(Throwable failure) {
    return Future.failedFuture(toApiError(failure));
  }

  /** The public form of {@code failure}; anything not the barrier's is returned unchanged. */
  public static Throwable toApiError(Throwable failure) {
    if (failure instanceof BarrierIntegrityException e) {
      LOG.log(Level.ERROR, e.getMessage());
      return ApiError.of(500, "stored entry failed its integrity check");
    }
    if (failure instanceof StorageFencedException) {
      // HA: this node was deposed between the forwarding decision and the write.
      return ApiError.unavailable("this node is not the active node; retry");
    }
    if (failure instanceof StorageException e) {
      LOG.log(Level.WARNING, "storage unavailable: " + e.getMessage(), e.getCause());
      return ApiError.unavailable("storage unavailable");
    }
    return failure;
  }
}
