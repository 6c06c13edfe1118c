package org.keyward.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import java.util.Set;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.HsmException.Kind;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.TokenException;

/** Turns ipkcs11wrapper failures into {@link HsmException}s that name what failed and why. */
final class Pkcs11Errors {
  /** Codes meaning the token, session or module went away: reconnecting may help. */
  static final Set<Long> TOKEN_GONE =
      Set.of(
          CKR_SESSION_HANDLE_INVALID,
          CKR_DEVICE_REMOVED,
          CKR_TOKEN_NOT_PRESENT,
          CKR_USER_NOT_LOGGED_IN,
          CKR_DEVICE_ERROR,
          CKR_SESSION_CLOSED,
          CKR_CRYPTOKI_NOT_INITIALIZED,
          CKR_SLOT_ID_INVALID,
          CKR_TOKEN_NOT_RECOGNIZED);

  static final Set<Long> PIN_REFUSED =
      Set.of(
          CKR_PIN_INCORRECT, CKR_PIN_INVALID, CKR_PIN_LEN_RANGE, CKR_PIN_EXPIRED, CKR_PIN_LOCKED);

  /**
   * Codes an authenticating decrypt or unwrap returns for bad input. SoftHSM reports a GCM tag
   * mismatch as CKR_GENERAL_ERROR (libraries.md G2), so it is on this list; the caller rules out a
   * dead token separately before trusting it.
   */
  static final Set<Long> BAD_CIPHERTEXT =
      Set.of(
          CKR_GENERAL_ERROR,
          CKR_ENCRYPTED_DATA_INVALID,
          CKR_ENCRYPTED_DATA_LEN_RANGE,
          CKR_WRAPPED_KEY_INVALID,
          CKR_WRAPPED_KEY_LEN_RANGE,
          CKR_DATA_LEN_RANGE);

  /**
   * Codes meaning a cached object handle no longer names the key. CKR_OPERATION_NOT_INITIALIZED is
   * here because ipkcs11wrapper 1.0.9 swallows a failed C_EncryptInit/C_SignInit (for example
   * CKR_KEY_HANDLE_INVALID) and only the following C_Encrypt/C_Sign reports it, as this code.
   */
  static final Set<Long> STALE_HANDLE =
      Set.of(CKR_KEY_HANDLE_INVALID, CKR_OBJECT_HANDLE_INVALID, CKR_OPERATION_NOT_INITIALIZED);

  private Pkcs11Errors() {}

  static boolean staleHandle(TokenException e) {
    return e instanceof PKCS11Exception p && STALE_HANDLE.contains(p.getErrorCode());
  }

  static String codeName(TokenException e) {
    return e instanceof PKCS11Exception p
        ? PKCS11Constants.ckrCodeToName(p.getErrorCode())
        : e.getClass().getSimpleName();
  }

  /**
   * Whether {@code e} says the device, token, session or module failed, so the sessions are dropped
   * and the module re-initialised: a {@link #TOKEN_GONE} code, or CKR_GENERAL_ERROR outside an
   * authenticating decrypt (where SoftHSM also uses it for a bad tag; the caller probes liveness).
   */
  static boolean deviceFailure(TokenException e, boolean integrityOp) {
    return tokenGone(e)
        || (!integrityOp
            && e instanceof PKCS11Exception p
            && p.getErrorCode() == CKR_GENERAL_ERROR);
  }

  static boolean tokenGone(TokenException e) {
    return e instanceof PKCS11Exception p && TOKEN_GONE.contains(p.getErrorCode());
  }

  static boolean badCiphertext(TokenException e) {
    return e instanceof PKCS11Exception p && BAD_CIPHERTEXT.contains(p.getErrorCode());
  }

  static boolean pinRefused(TokenException e) {
    return e instanceof PKCS11Exception p && PIN_REFUSED.contains(p.getErrorCode());
  }

  /** A failure of {@code operation} on key {@code label} of token {@code token}. */
  static HsmException translate(
      String operation, String token, String label, TokenException e, boolean integrityOp) {
    String what =
        operation
            + " failed, token '"
            + token
            + "'"
            + (label == null ? "" : ", key '" + label + "'")
            + ": "
            + codeName(e);
    Kind kind;
    if (deviceFailure(e, integrityOp)) {
      kind = Kind.UNAVAILABLE;
    } else if (pinRefused(e)) {
      kind = Kind.LOGIN_FAILED;
    } else if (integrityOp && badCiphertext(e)) {
      kind = Kind.INTEGRITY;
    } else if (!(e instanceof PKCS11Exception)) {
      // The wrapper's own errors: no idle session within the wait, borrow retries exhausted.
      kind = Kind.UNAVAILABLE;
    } else {
      kind = Kind.FAILED;
    }
    return new HsmException(kind, what, e);
  }
}
