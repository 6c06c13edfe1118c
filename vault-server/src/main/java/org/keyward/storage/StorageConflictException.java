package org.keyward.storage;

/** An {@link StorageOp#expect} did not hold; the transaction applied nothing. */
public class StorageConflictException extends StorageException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public StorageConflictException(String key) {
    super("storage conflict on '" + key + "'");
    this.key = key;
  }

  /** The storage key whose expectation failed. */
  public String key() {
    return key;
  }
}
