package org.keyward.engine.transit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reusable (per-thread {@code Cipher}) path must behave exactly as the one-off path. */
class AeadCipherTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] key(int n) {
    byte[] k = new byte[n];
    RANDOM.nextBytes(k);
    return k;
  }

  @Test
  void reusable_interleavedSealOpenAndFailures_matchesOneOff() throws Exception {
    for (KeyType type :
        new KeyType[] {KeyType.AES128_GCM96, KeyType.AES256_GCM96, KeyType.CHACHA20_POLY1305}) {
      byte[] raw = key(type.symmetricKeyBytes());
      AeadCipher reusable = AeadCipher.reusable(type, raw);
      AeadCipher oneOff = new AeadCipher(type, raw);
      byte[] aad = "ctx".getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 50; i++) {
        byte[] plain = ("item-" + i).getBytes(StandardCharsets.UTF_8);
        byte[] sealed = reusable.seal(plain, i % 2 == 0 ? aad : null);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;

        assertThrows(
            GeneralSecurityException.class,
            () -> reusable.open(tampered, null),
            type + " tampered");
        assertArrayEquals(plain, reusable.open(sealed, i % 2 == 0 ? aad : null), type + " " + i);
        assertArrayEquals(plain, oneOff.open(sealed, i % 2 == 0 ? aad : null), type + " " + i);
        assertArrayEquals(plain, reusable.open(oneOff.seal(plain, aad), aad), type + " " + i);
      }
    }
  }

  @Test
  void seal_givenNonce_framesNonceCiphertextAndTag() throws Exception {
    for (KeyType type :
        new KeyType[] {KeyType.AES128_GCM96, KeyType.AES256_GCM96, KeyType.CHACHA20_POLY1305}) {
      AeadCipher cipher = new AeadCipher(type, key(type.symmetricKeyBytes()));
      byte[] nonce = key(AeadCipher.NONCE_BYTES);
      for (int length : new int[] {0, 1, 64, 1000}) {
        byte[] plain = key(length);
        byte[] sealed = cipher.seal(nonce, plain, null);
        assertEquals(AeadCipher.NONCE_BYTES + length + AeadCipher.TAG_BYTES, sealed.length);
        assertArrayEquals(nonce, Arrays.copyOf(sealed, AeadCipher.NONCE_BYTES), type + " nonce");
        assertArrayEquals(plain, cipher.open(sealed, null), type + " " + length);
      }
      assertThrows(
          IllegalStateException.class,
          () -> cipher.seal(new byte[16], new byte[1], null),
          type.wireName());
    }
  }

  @Test
  void seal_manyBlocksOfNonces_neverRepeatsANonce() {
    AeadCipher cipher = AeadCipher.reusable(KeyType.AES256_GCM96, key(32));
    byte[] plain = "same plaintext".getBytes(StandardCharsets.UTF_8);
    Set<String> nonces = new HashSet<>();
    int seals = 64 * 10 + 7; // ten blocks of nonces and part of the next
    for (int i = 0; i < seals; i++) {
      byte[] sealed = cipher.seal(plain, null);
      String nonce = HexFormat.of().formatHex(Arrays.copyOf(sealed, AeadCipher.NONCE_BYTES));
      assertTrue(nonces.add(nonce), "nonce repeated: " + nonce);
    }
  }

  @Test
  void reusable_fromTwoThreads_eachRoundTrips() throws Exception {
    AeadCipher shared = AeadCipher.reusable(KeyType.AES256_GCM96, key(32));
    Throwable[] failure = new Throwable[1];
    Runnable work =
        () -> {
          try {
            for (int i = 0; i < 2_000; i++) {
              byte[] plain = ("t" + i).getBytes(StandardCharsets.UTF_8);
              assertArrayEquals(plain, shared.open(shared.seal(plain, null), null));
            }
          } catch (Throwable t) {
            failure[0] = t;
          }
        };
    Thread other = new Thread(work);
    other.start();
    work.run();
    other.join();
    if (failure[0] != null) {
      throw new AssertionError(failure[0]);
    }
  }
}
