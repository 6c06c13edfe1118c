package org.keyward.http;

import io.vertx.core.Future;

/**
 * Steps 3 and 4 of the pipeline: authenticate the token, ask the operation which capability this
 * request needs (create or update by its existence check, which runs here, after authentication, as
 * in Vault), and authorize. A denial is audited with its decision before the caller gets 403, so
 * every refused request is on record and nothing was done.
 */
final class AccessCheck {
  private final Authenticator authenticator;
  private final Authorizer authorizer;
  private final AuditSink audit;

  AccessCheck(Authenticator authenticator, Authorizer authorizer, AuditSink audit) {
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.audit = audit;
  }

  /** The allowing decision; null for unauthenticated operations; 403 otherwise. */
  Future<Authorizer.Decision> check(Operation<?> op, Object input, RequestContext request) {
    if (op.has(Operation.Flag.UNAUTHENTICATED)) {
      return Future.succeededFuture(null);
    }
    if (request.token().isEmpty()) {
      return Future.failedFuture(ApiError.permissionDenied());
    }
    return authenticator
        .authenticate(request.token().get(), request)
        .compose(
            caller -> {
              request.authenticatedAs(caller);
              return op.capabilityFor(input, request);
            })
        .compose(
            capability -> {
              if (capability == Capability.CREATE && op.checksExistence()) {
                request.resolvedAsCreate();
              }
              return decide(op, request, capability);
            });
  }

  private Future<Authorizer.Decision> decide(
      Operation<?> op, RequestContext request, Capability capability) {
    Caller caller = request.caller();
    Authorizer.Decision decision = authorizer.authorize(caller, request.path(), capability);
    if (decision.allowed() && op.sudo()) {
      decision = authorizer.authorize(caller, request.path(), Capability.SUDO);
    }
    if (!decision.allowed()) {
      return audit
          .request(request, decision)
          .transform(ignored -> Future.failedFuture(ApiError.permissionDenied()));
    }
    return Future.succeededFuture(decision);
  }
}
