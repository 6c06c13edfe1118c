package org.keyward.storage;

/** An {@link StorageOp#expect} did not hold; the transaction applied nothing. */
public class StorageConflictException extends StorageException {
  private static final long serialVersionUID = 1L;

  public StorageConflictException(String key) {
    super("storage conflict on '" + key + "'");
  }
}
