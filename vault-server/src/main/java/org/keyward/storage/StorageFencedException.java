package org.keyward.storage;

/**
 * A write was refused because this node does not hold the HA leadership it was fenced with: another
 * node has taken over (or none is held). Nothing of the transaction was applied.
 */
public final class StorageFencedException extends StorageException {
  private static final long serialVersionUID = 1L;

  public StorageFencedException(String message) {
    super(message);
  }
}
