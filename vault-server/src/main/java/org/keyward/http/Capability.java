package org.keyward.http;

import java.util.Locale;

/** Vault's ACL capabilities; a policy grants them per path. */
public enum Capability {
  CREATE,
  READ,
  UPDATE,
  PATCH,
  DELETE,
  LIST,
  SUDO,
  DENY;

  /** The lower-case name policies use, e.g. {@code read}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a policy's capability name; null if it is none of them. */
  public static Capability fromWire(String name) {
    for (Capability c : values()) {
      if (c.wireName().equals(name)) {
        return c;
      }
    }
    return null;
  }
}
