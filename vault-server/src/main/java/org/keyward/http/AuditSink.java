package org.keyward.http;

import io.vertx.core.Future;

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
}
