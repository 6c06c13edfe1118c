package org.keyward.http;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * Records requests and responses before anything is done or sent. A failed future means no enabled
 * device could record it: the pipeline then fails the request (fail-closed).
 */
public interface AuditSink {
  AuditSink NONE =
      new AuditSink() {
        @Override
        public Future<Void> request(RequestContext request, Authorizer.Decision decision) {
          return Future.succeededFuture();
        }

        @Override
        public Future<Void> response(RequestContext request, VaultResponse response) {
          return Future.succeededFuture();
        }

        @Override
        public Future<Void> error(RequestContext request, ApiError error) {
          return Future.succeededFuture();
        }
      };

  /** Before the action runs; {@code decision} is null for unauthenticated operations. */
  Future<Void> request(RequestContext request, Authorizer.Decision decision);

  Future<Void> response(RequestContext request, VaultResponse response);

  Future<Void> error(RequestContext request, ApiError error);

  /**
   * For an operation without effects ({@link Operation.Flag#NO_EFFECTS}), after its action ran and
   * before anything is sent: the request (as received at {@code requestTime}) and its response,
   * recorded as two records in that order. A sink may write both in one step; this default records
   * them one after the other.
   */
  default Future<Void> requestAndResponse(
      RequestContext request,
      Authorizer.Decision decision,
      Instant requestTime,
      VaultResponse response) {
    return request(request, decision).compose(v -> response(request, response));
  }

  /** As {@link #requestAndResponse}, for an action that failed with {@code error}. */
  default Future<Void> requestAndError(
      RequestContext request, Authorizer.Decision decision, Instant requestTime, ApiError error) {
    return request(request, decision).compose(v -> error(request, error));
  }
}
