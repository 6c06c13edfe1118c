package org.keyward.hsm;

import java.security.GeneralSecurityException;

/**
 * The one exception the HSM layer throws. Its message names the operation, the key label and, for
 * PKCS#11 failures, the {@code CKR_*} code; it never holds a PIN or key bytes. It extends {@link
 * GeneralSecurityException} so it can travel through Tink's {@code Aead} methods unchanged.
 */
public class HsmException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** What the caller can do about the failure. */
  public enum Kind {
    /** The module, slot or token is missing or went away; retrying later may work. */
    UNAVAILABLE,
    /** The PIN was refused or the user is locked out. */
    LOGIN_FAILED,
    /** No key with the requested label exists in the token. */
    KEY_NOT_FOUND,
    /** The ciphertext, tag or associated data did not authenticate. */
    INTEGRITY,
    /** Bad configuration: library path, token label, PIN source, refused insecure provider. */
    CONFIGURATION,
    /** Any other refusal by the token. */
    FAILED
  }

  private final Kind kind;

  public HsmException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public HsmException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
