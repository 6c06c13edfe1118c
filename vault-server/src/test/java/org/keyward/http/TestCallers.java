package org.keyward.http;

/** Sets what the pipeline's steps set on a request, for tests outside this package. */
public final class TestCallers {
  private TestCallers() {}

  /** {@code request} as if authenticated as {@code caller}. */
  public static RequestContext as(Caller caller, RequestContext request) {
    request.authenticatedAs(caller);
    return request;
  }

  /** {@code request} as a write whose existence check found nothing (Vault's create). */
  public static RequestContext asCreate(RequestContext request) {
    request.resolvedAsCreate();
    return request;
  }
}
