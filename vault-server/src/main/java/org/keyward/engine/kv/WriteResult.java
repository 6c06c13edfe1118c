package org.keyward.engine.kv;

import io.vertx.core.json.JsonObject;

/**
 * The outcome of a data write or patch: the secret's metadata afterwards and the version concerned.
 *
 * @param written false when a patch found the current version deleted or destroyed (Vault answers
 *     404 with that version's metadata)
 */
record WriteResult(KeyMetadata metadata, long version, boolean written) {
  /** Vault's write response: {@code created_time, custom_metadata, deletion_time, ...}. */
  JsonObject toResponse() {
    return metadata.versionResponse(version);
  }
}
