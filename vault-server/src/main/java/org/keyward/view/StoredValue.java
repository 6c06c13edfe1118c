package org.keyward.view;

/**
 * A decrypted entry and the revision it was read at. {@code plaintext} is copied out; never log it.
 */
public final class StoredValue {
  private final byte[] plaintext;
  private final Revision revision;

  public StoredValue(byte[] plaintext, Revision revision) {
    this.plaintext = plaintext.clone();
    this.revision = revision;
  }

  public byte[] plaintext() {
    return plaintext.clone();
  }

  public Revision revision() {
    return revision;
  }

  @Override
  public String toString() {
    return "StoredValue[REDACTED, " + revision + "]";
  }
}
