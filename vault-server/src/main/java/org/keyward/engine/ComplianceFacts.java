package org.keyward.engine;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * What a mounted engine or login method tells the compliance report about itself: names, types,
 * dates, versions and the policies it grants. Never key material, secret values or token ids. The
 * report reads it on demand (an administrative call, not a request path), so an implementation may
 * scan its storage.
 */
public interface ComplianceFacts {
  /** The facts as JSON whose numbers are all integers (the signed report admits no fractions). */
  Future<JsonObject> complianceFacts();
}
