package org.keyward.hsm.pkcs11;

import java.nio.file.Path;
import java.util.Objects;
import org.keyward.hsm.HsmCallListener;

/**
 * How to reach one PKCS#11 token: the module library, the token chosen by label (slot ids are not
 * stable), where the PIN comes from, and how many sessions to keep open (the most PKCS#11 calls
 * that run at once). Holds no PIN itself, so {@link #toString()} is safe to log.
 */
public record Pkcs11Config(
    Path library, String tokenLabel, PinSource pin, int sessions, HsmCallListener listener) {
  public static final int DEFAULT_SESSIONS = 4;

  public Pkcs11Config {
    Objects.requireNonNull(library, "library");
    Objects.requireNonNull(pin, "pin");
    Objects.requireNonNull(listener, "listener");
    if (tokenLabel == null || tokenLabel.isBlank() || tokenLabel.length() > 32) {
      throw new IllegalArgumentException("token label must be 1..32 characters");
    }
    if (sessions < 1 || sessions > 256) {
      throw new IllegalArgumentException("sessions must be 1..256, got " + sessions);
    }
  }

  /** With {@value #DEFAULT_SESSIONS} sessions and no call listener. */
  public Pkcs11Config(Path library, String tokenLabel, PinSource pin) {
    this(library, tokenLabel, pin, DEFAULT_SESSIONS, HsmCallListener.NONE);
  }

  public Pkcs11Config withSessions(int count) {
    return new Pkcs11Config(library, tokenLabel, pin, count, listener);
  }

  public Pkcs11Config withListener(HsmCallListener callListener) {
    return new Pkcs11Config(library, tokenLabel, pin, sessions, callListener);
  }
}
