package org.keyward.engine.pki;

import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;

/** A LIST of {@code roles} or {@code certs}: only the folder itself can be listed. */
record FolderListRequest() {
  static FolderListRequest from(RequestContext request) {
    String rest = request.param("rest");
    if (!rest.isEmpty()) {
      throw ApiError.notFound();
    }
    return new FolderListRequest();
  }
}
