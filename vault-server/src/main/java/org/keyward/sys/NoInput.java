package org.keyward.sys;

import org.keyward.http.RequestContext;

/** The decoded request of an operation that takes no fields. */
enum NoInput {
  INSTANCE;

  static NoInput from(RequestContext request) {
    return INSTANCE;
  }
}
