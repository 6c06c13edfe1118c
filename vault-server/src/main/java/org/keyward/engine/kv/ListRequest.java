package org.keyward.engine.kv;

import org.keyward.http.RequestContext;

/** A {@code metadata/} LIST: the folder to list, {@code ""} for the root or ending in '/'. */
record ListRequest(String folder) {
  static ListRequest from(RequestContext request) {
    String path = request.param("path");
    return new ListRequest(path.isEmpty() || path.endsWith("/") ? path : path + "/");
  }
}
