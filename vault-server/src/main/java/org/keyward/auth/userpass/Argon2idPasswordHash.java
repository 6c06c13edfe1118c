package org.keyward.auth.userpass;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * A stored password: an Argon2id hash (Bouncy Castle) in the PHC string form {@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. New hashes use OWASP's recommended minimum for
 * Argon2id: 19 MiB of memory, 2 passes, 1 lane, a 16-byte random salt and a 32-byte output. The
 * parameters travel with each hash, so raising them later still verifies old ones.
 *
 * <p>{@link #matches} runs the full derivation and compares in constant time; it costs tens of
 * milliseconds of CPU and 19 MiB, so callers run it on a worker, never on the event loop. The hash
 * is not a secret in the way a password is, but it is still kept out of {@link #toString()}.
 */
final class Argon2idPasswordHash {
  static final int MEMORY_KIB = 19 * 1024;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;

  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{16,64})"
              + "\\$([A-Za-z0-9+/]{16,128})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final byte[] salt;
  private final byte[] hash;

  private Argon2idPasswordHash(
      int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.salt = salt.clone();
    this.hash = hash.clone();
  }

  /** Hashes {@code password} with a fresh salt and the current parameters. Blocking. */
  static Argon2idPasswordHash create(String password, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new Argon2idPasswordHash(
        MEMORY_KIB,
        ITERATIONS,
        PARALLELISM,
        salt,
        derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES));
  }

  /**
   * A hash no password matches, with the current parameters: checking an unknown user's password
   * against it costs what checking a known user's does, so timing does not tell them apart.
   */
  static Argon2idPasswordHash unmatchable(SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    byte[] hash = new byte[HASH_BYTES];
    random.nextBytes(salt);
    random.nextBytes(hash);
    return new Argon2idPasswordHash(MEMORY_KIB, ITERATIONS, PARALLELISM, salt, hash);
  }

  /** Parses {@link #encoded()}; a malformed string fails with IllegalArgumentException. */
  static Argon2idPasswordHash parse(String encoded) {
    Matcher m = PHC.matcher(encoded == null ? "" : encoded);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an argon2id hash");
    }
    int memory = Integer.parseInt(m.group(1));
    int iterations = Integer.parseInt(m.group(2));
    int parallelism = Integer.parseInt(m.group(3));
    if (memory < 8 * parallelism || iterations < 1 || parallelism < 1) {
      throw new IllegalArgumentException("argon2id parameters out of range");
    }
    return new Argon2idPasswordHash(
        memory,
        iterations,
        parallelism,
        B64_DECODE.decode(m.group(4)),
        B64_DECODE.decode(m.group(5)));
  }

  /** Whether {@code password} hashes to this; constant time in the comparison. Blocking. */
  boolean matches(String password) {
    byte[] candidate = derive(password, salt, memoryKib, iterations, parallelism, hash.length);
    try {
      return MessageDigest.isEqual(candidate, hash);
    } finally {
      Arrays.fill(candidate, (byte) 0);
    }
  }

  /** The PHC string stored for the user. */
  String encoded() {
    return "$argon2id$v=19$m="
        + memoryKib
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  private static byte[] derive(
      String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    byte[] input = password.getBytes(StandardCharsets.UTF_8);
    try {
      generator.generateBytes(input, out);
    } finally {
      Arrays.fill(input, (byte) 0);
    }
    return out;
  }

  @Override
  public String toString() {
    return "Argon2idPasswordHash[REDACTED]";
  }
}
