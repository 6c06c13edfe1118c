package org.keyward.client;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/** Small combinators for the SDK's futures. */
final class Futures {
  private Futures() {}

  /** What a future failed with: the cause of a {@link CompletionException}, else the error. */
  static Throwable cause(Throwable error) {
    return error instanceof CompletionException ? error.getCause() : error;
  }

  /** {@code future}'s value mapped, or empty when it failed with 404. */
  static <T> CompletableFuture<Optional<T>> optional(
      CompletableFuture<VaultReply> future, Function<VaultReply, T> map) {
    return future.handle(
        (reply, error) -> {
          if (error == null) {
            return Optional.ofNullable(map.apply(reply));
          }
          Throwable cause = cause(error);
          if (cause instanceof VaultException v && v.isNotFound()) {
            return Optional.empty();
          }
          throw error instanceof CompletionException c ? c : new CompletionException(cause);
        });
  }
}
