package org.keyward.engine.kv;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The key/value content of one secret version (device passwords, SNMP communities, nested parameter
 * sets): an arbitrary JSON object kept exactly as given. A type of its own so that it never prints:
 * {@link #toString()} is redacted, and the JSON is copied in and out.
 */
final class SecretData {
  private final JsonObject json;

  SecretData(JsonObject json) {
    this.json = json.copy();
  }

  /** A copy of the content; the caller sends it to the client or merges into it. */
  JsonObject reveal() {
    return json.copy();
  }

  byte[] toBytes() {
    return json.toBuffer().getBytes();
  }

  /**
   * Parses a stored version; a row that is not a JSON object is corrupt storage, not user input.
   */
  static SecretData fromBytes(byte[] stored) {
    try {
      return new SecretData(new JsonObject(Buffer.buffer(stored)));
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalStateException("stored kv version is not a JSON object");
    }
  }

  @Override
  public String toString() {
    return "SecretData[REDACTED]";
  }
}
