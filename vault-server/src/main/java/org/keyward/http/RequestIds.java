package org.keyward.http;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Request ids: random (version 4) UUIDs, as Vault's. {@link UUID#randomUUID()} draws from one
 * JVM-wide {@code SecureRandom} whose lock every event loop then contends for on every request (a
 * load-test profile showed waits of 10-100 ms); each thread here draws from its own DRBG instead.
 */
final class RequestIds {
  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(RequestIds::newRandom);

  private RequestIds() {}

  static String next() {
    byte[] bytes = new byte[16];
    RANDOM.get().nextBytes(bytes);
    // RFC 4122 version 4 (random) and the IETF variant, as UUID.randomUUID() sets them.
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    return new UUID(b.getLong(), b.getLong()).toString();
  }

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
