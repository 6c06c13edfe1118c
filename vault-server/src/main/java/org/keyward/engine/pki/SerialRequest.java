package org.keyward.engine.pki;

import java.math.BigInteger;
import org.keyward.http.RequestContext;

/** A {@code cert/:serial} read; the serial in colon or hyphen hex. */
record SerialRequest(BigInteger serial) {
  static SerialRequest from(RequestContext request) {
    return new SerialRequest(SerialNumbers.parse(request.param("serial"), "serial"));
  }
}
