package org.keyward.audit;

import java.time.Instant;
import java.util.Objects;
import org.keyward.http.ApiError;
import org.keyward.http.Authorizer;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * One thing to record, before any device turns it into a line with its own HMAC key: a request
 * about to run (with the policy decision, null for unauthenticated operations), the response about
 * to be sent, or the error the request ended with.
 */
public record AuditEvent(
    Kind kind,
    Instant time,
    RequestContext request,
    Authorizer.Decision decision,
    VaultResponse response,
    ApiError error) {

  /** Vault's {@code type} field; errors are responses with an {@code error} field. */
  public enum Kind {
    REQUEST,
    RESPONSE
  }

  public AuditEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(request, "request");
  }

  public static AuditEvent request(RequestContext request, Authorizer.Decision decision) {
    return request(request, decision, Instant.now());
  }

  /** A request as received at {@code time}, recorded later with its response. */
  public static AuditEvent request(
      RequestContext request, Authorizer.Decision decision, Instant time) {
    return new AuditEvent(Kind.REQUEST, time, request, decision, null, null);
  }

  public static AuditEvent response(RequestContext request, VaultResponse response) {
    return new AuditEvent(
        Kind.RESPONSE, Instant.now(), request, null, Objects.requireNonNull(response), null);
  }

  public static AuditEvent error(RequestContext request, ApiError error) {
    return new AuditEvent(
        Kind.RESPONSE, Instant.now(), request, null, null, Objects.requireNonNull(error));
  }
}
