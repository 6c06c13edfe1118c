package org.keyward.server;

import io.vertx.core.Future;
import org.keyward.barrier.BarrierIntegrityException;
import org.keyward.barrier.BarrierRefusalException;
import org.keyward.barrier.HsmUnavailableException;
import org.keyward.barrier.VaultSealedException;
import org.keyward.http.ApiError;
import org.keyward.http.ErrorTranslator;
import org.keyward.storage.StorageException;
import org.keyward.storage.StorageFencedException;

/**
 * The statuses of the barrier's own exceptions, chosen here once for every caller: sealed is 503 as
 * in Vault; a refused request (already initialised, wrong recovery key) is 400 with its reason; an
 * entry failing its integrity check is a server-side problem (the row was moved or altered in the
 * database), so 500, but with a message that says so; the key goes only to the log. An HSM that
 * cannot do the work is 503 with the gateway's reason (its cause was logged there, once). Storage
 * that cannot be reached, or an HA node fenced off by a new leader, is 503: retry, maybe elsewhere.
 */
public final class BarrierErrorTranslator implements ErrorTranslator {
  public static final ErrorTranslator INSTANCE = new BarrierErrorTranslator();

  private BarrierErrorTranslator() {}

  @Override
  public ApiError toApiError(Throwable failure) {
    if (failure instanceof VaultSealedException) {
      return ApiError.sealed();
    }
    if (failure instanceof BarrierRefusalException refusal) {
      return ApiError.badRequest(refusal.reason());
    }
    if (failure instanceof HsmUnavailableException hsm) {
      return ApiError.unavailable(hsm.reason());
    }
    if (failure instanceof BarrierIntegrityException integrity) {
      // The message names the key, which a client must not learn: the edge logs the cause.
      return ApiError.of(500, "stored entry failed its integrity check").withCause(integrity);
    }
    if (failure instanceof StorageFencedException) {
      // HA: this node was deposed between the forwarding decision and the write.
      return ApiError.unavailable("this node is not the active node; retry");
    }
    if (failure instanceof StorageException storage) {
      return ApiError.unavailable("storage unavailable").withCause(storage);
    }
    return null;
  }

  /**
   * {@code work}'s failure as an engine may see it. Engines know only {@link ApiError} (layering)
   * and some act on its status (OCSP answers tryLater to a 503, a listener renewal reports it), so
   * an adapter that hands barrier work to an engine (HSM key custody) maps the failure here, to the
   * answer the edge would give; a failure this translator does not know passes unchanged.
   */
  static <T> Future<T> forEngines(Future<T> work) {
    return work.recover(
        e -> {
          ApiError mapped = e instanceof ApiError ? null : INSTANCE.toApiError(e);
          return Future.failedFuture(mapped == null ? e : mapped);
        });
  }
}
