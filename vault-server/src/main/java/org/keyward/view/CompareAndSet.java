package org.keyward.view;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Read, decide, write only if nobody wrote meanwhile, else read again: the one optimistic-update
 * loop of everything above the barrier. A single entry is the guard; the plan may write any keys of
 * the view, and all of it commits in one transaction or not at all. Non-blocking; the planner runs
 * on the caller's context and may itself return a future (a key generated on a worker, say).
 */
public final class CompareAndSet {
  private CompareAndSet() {}

  /**
   * What one attempt decided from the guard entry as read: the ops to commit (none: nothing to
   * write) and what the update answers once they are committed.
   */
  public record Plan<T>(List<ViewOp> ops, T result) {
    public Plan {
      ops = List.copyOf(ops);
    }

    /** Nothing to write; the update answers {@code result} without a transaction. */
    public static <T> Plan<T> unchanged(T result) {
      return new Plan<>(List.of(), result);
    }

    public static <T> Plan<T> write(List<ViewOp> ops, T result) {
      return new Plan<>(ops, result);
    }
  }

  /** Decides the plan from the guard entry as stored now (empty: absent). */
  @FunctionalInterface
  public interface Planner<T> {
    Future<Plan<T>> plan(Optional<StoredValue> current);
  }

  /**
   * Reads {@code key}, asks {@code planner} for a plan and commits its ops together with an
   * expectation that {@code key} is still at the revision read (absent if it was). On a {@link
   * ViewConflictException} it starts again, at most {@code maxAttempts} times in all, then fails
   * with the last conflict; any other failure (the planner's refusal included) ends it at once.
   */
  public static <T> Future<T> update(
      StorageView view, String key, int maxAttempts, Planner<T> planner) {
    return update(view, key, null, maxAttempts, planner);
  }

  /**
   * As {@link #update(StorageView, String, int, Planner)}, but the first attempt starts from {@code
   * firstRead} (null: read it), the guard entry as an earlier step already read it; a retry always
   * reads afresh.
   */
  public static <T> Future<T> update(
      StorageView view,
      String key,
      Optional<StoredValue> firstRead,
      int maxAttempts,
      Planner<T> planner) {
    return retry(
        maxAttempts,
        attempt -> {
          Future<Optional<StoredValue>> read =
              attempt == 1 && firstRead != null
                  ? Future.succeededFuture(firstRead)
                  : view.read(key);
          return read.compose(
              current -> planner.plan(current).compose(plan -> commit(view, key, current, plan)));
        });
  }

  /**
   * Runs {@code attempt} (given its number, from 1) until it ends other than in a {@link
   * ViewConflictException}, at most {@code maxAttempts} times; then fails with the last conflict.
   * For an update whose guard is not one entry of one view.
   */
  public static <T> Future<T> retry(int maxAttempts, IntFunction<Future<T>> attempt) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    return retry(maxAttempts, attempt, 1);
  }

  /** True for the failure a lost race ends in; anything else is not worth a retry. */
  public static boolean isConflict(Throwable failure) {
    return failure instanceof ViewConflictException;
  }

  private static <T> Future<T> retry(int maxAttempts, IntFunction<Future<T>> attempt, int n) {
    Future<T> once;
    try {
      once = attempt.apply(n);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return once.recover(
        e ->
            isConflict(e) && n < maxAttempts
                ? retry(maxAttempts, attempt, n + 1)
                : Future.failedFuture(e));
  }

  private static <T> Future<T> commit(
      StorageView view, String key, Optional<StoredValue> read, Plan<T> plan) {
    if (plan.ops().isEmpty()) {
      return Future.succeededFuture(plan.result());
    }
    List<ViewOp> ops = new ArrayList<>(plan.ops().size() + 1);
    ops.add(ViewOp.expect(key, read.map(StoredValue::revision).orElse(null)));
    ops.addAll(plan.ops());
    return view.transaction(ops).map(plan.result());
  }
}
