package org.keyward.storage;

/**
 * A storage backend failed (I/O, database down, disk full). The message names the operation and key
 * but never SQL text or stored bytes; the cause keeps the driver's exception for the log.
 */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
