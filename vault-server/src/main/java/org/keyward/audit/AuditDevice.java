package org.keyward.audit;

import io.vertx.core.Future;

/**
 * One enabled audit device (a file or a socket). {@link #append} turns the event into this device's
 * record (hashed with its own key) and completes once the record has been handed to the OS; it
 * fails, never drops silently, when the record could not be written. Callable from any thread;
 * completions run on the caller's Vert.x context when there is one.
 */
public interface AuditDevice {
  /** The device's path in {@code sys/audit}, with a trailing slash, e.g. {@code file/}. */
  String path();

  /** The device's HMAC key, for {@code sys/audit-hash}. */
  AuditHmac hmac();

  Future<Void> append(AuditEvent event);

  /**
   * Appends {@code first} and then {@code second} (a request and its response), completing once
   * both are written; fails if either could not be. A device may write both in one step; this
   * default appends them one after the other.
   */
  default Future<Void> append(AuditEvent first, AuditEvent second) {
    return append(first).compose(v -> append(second));
  }

  /** Stops accepting records, writes what is queued (and a final checkpoint where it can). */
  Future<Void> close();
}
