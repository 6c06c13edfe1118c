package org.keyward.engine.pki;

import java.security.cert.X509Certificate;
import java.util.List;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * An {@code intermediate/set-signed} request: the intermediate's certificate first, then optionally
 * its parents (nearest first), as one PEM bundle.
 */
record SetSignedRequest(List<X509Certificate> certificates) {
  SetSignedRequest {
    certificates = List.copyOf(certificates);
  }

  static SetSignedRequest from(RequestContext request) {
    return new SetSignedRequest(
        PemCodec.certificates(Fields.requiredString(request.body(), "certificate"), "certificate"));
  }
}
