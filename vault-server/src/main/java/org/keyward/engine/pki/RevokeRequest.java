package org.keyward.engine.pki;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/** A {@code revoke} request: {@code serial_number} (colon or hyphen hex) or {@code certificate}. */
record RevokeRequest(BigInteger serial) {
  static RevokeRequest from(RequestContext request) {
    JsonObject body = request.body();
    String serial = Fields.string(body, "serial_number", null);
    String certificate = Fields.string(body, "certificate", null);
    if ((serial == null) == (certificate == null)) {
      throw ApiError.badRequest("give exactly one of 'serial_number' and 'certificate'");
    }
    return new RevokeRequest(
        serial != null
            ? SerialNumbers.parse(serial, "serial_number")
            : PemCodec.certificate(certificate).getSerialNumber());
  }
}
