package org.keyward.engine.kv;

import org.keyward.http.RequestContext;

/**
 * A validated {@code data/:path} or {@code subkeys/:path} read.
 *
 * @param version the {@code ?version=} asked for, 0 for the current one
 * @param depth the {@code ?depth=} of a subkeys read, 0 for unlimited
 */
record DataReadRequest(SecretPath path, long version, long depth) {
  static DataReadRequest from(RequestContext request) {
    return new DataReadRequest(
        SecretPath.from(request), query(request, "version"), query(request, "depth"));
  }

  private static long query(RequestContext request, String name) {
    String value = request.query(name);
    return value == null || value.isEmpty() ? 0 : RequestNumbers.nonNegative(value, name);
  }
}
