package org.keyward.server;

import java.security.SecureRandom;
import java.util.Base64;

/** Makes the dev server's root token when none is given: {@code hvs.} and 32 random bytes. */
final class DevRootToken {
  private static final SecureRandom RANDOM = new SecureRandom();

  private DevRootToken() {}

  static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "hvs." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
