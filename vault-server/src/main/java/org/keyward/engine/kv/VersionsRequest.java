package org.keyward.engine.kv;

import java.util.List;
import org.keyward.http.RequestContext;

/** A validated {@code delete/}, {@code undelete/} or {@code destroy/} request. */
record VersionsRequest(SecretPath path, List<Long> versions) {
  VersionsRequest {
    versions = List.copyOf(versions);
  }

  static VersionsRequest from(RequestContext request) {
    SecretPath path = SecretPath.from(request);
    return new VersionsRequest(path, RequestNumbers.versions(request.body()));
  }
}
