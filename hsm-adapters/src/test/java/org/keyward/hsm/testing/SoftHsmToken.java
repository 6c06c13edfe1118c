package org.keyward.hsm.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.keyward.hsm.HsmCallListener;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.pkcs11.PinSource;
import org.keyward.hsm.pkcs11.Pkcs11Config;
import org.keyward.hsm.pkcs11.Pkcs11KeyProvider;

/**
 * A fresh SoftHSM2 token with a unique label, for tests. The SoftHSM configuration is the file
 * named by {@code SOFTHSM2_CONF} (surefire and failsafe set it to {@code
 * target/softhsm/softhsm2.conf}); it and its token directory are created on first use, which must
 * come before the first C_Initialize in the JVM because SoftHSM reads the file only then.
 *
 * <p>Tokens are made with {@code softhsm2-util --init-token --free}. Checked with SoftHSM 2.6.1: a
 * token made this way after the module was initialized in this JVM IS seen by the running module
 * (C_GetSlotList re-reads the token directory and adds the new slot), so no C_InitToken through
 * PKCS#11 is needed; {@code SoftHsmTokenTest} asserts it by opening a second token after the first
 * was opened.
 *
 * <p>A missing SoftHSM fails the test with the install command; it is never a skip.
 */
public final class SoftHsmToken {
  /** Where Debian's softhsm2 package puts the module. */
  public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String label;
  private final char[] pin;
  private final Path pinFile;

  private SoftHsmToken(String label, char[] pin, Path pinFile) {
    this.label = label;
    this.pin = pin;
    this.pinFile = pinFile;
  }

  /** Makes a new initialized token with a random label and user PIN. */
  public static synchronized SoftHsmToken create() {
    requireInstalled();
    Path conf = ensureConfiguration();
    String label = "kw-" + HexFormat.of().formatHex(randomBytes(6));
    String pin = String.format("%08d", RANDOM.nextInt(100_000_000));
    String soPin = String.format("%08d", RANDOM.nextInt(100_000_000));
    run(
        conf,
        List.of(
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            label,
            "--so-pin",
            soPin,
            "--pin",
            pin));
    Path pinFile = conf.getParent().resolve("pins").resolve(label + ".pin");
    try {
      Files.createDirectories(pinFile.getParent());
      Files.writeString(pinFile, pin + "\n", StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(pinFile, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write PIN file " + pinFile, e);
    }
    return new SoftHsmToken(label, pin.toCharArray(), pinFile);
  }

  public String label() {
    return label;
  }

  /** The user PIN; tests use it to assert it never leaks. */
  public char[] pin() {
    return pin.clone();
  }

  /** A PIN source reading this token's PIN file (mode 0600). */
  public PinSource pinSource() {
    return PinSource.file(pinFile);
  }

  public Path library() {
    return LIBRARY;
  }

  public Pkcs11Config config() {
    return new Pkcs11Config(LIBRARY, label, pinSource());
  }

  public Pkcs11KeyProvider open() throws HsmException {
    return Pkcs11KeyProvider.open(config());
  }

  public Pkcs11KeyProvider open(int sessions, HsmCallListener listener) throws HsmException {
    return Pkcs11KeyProvider.open(config().withSessions(sessions).withListener(listener));
  }

  private static void requireInstalled() {
    if (!Files.exists(LIBRARY)) {
      throw new IllegalStateException(
          "SoftHSM2 is not installed ("
              + LIBRARY
              + " missing): run apt-get install softhsm2; HSM tests need a real token");
    }
  }

  /** Writes the SoftHSM configuration and token directory named by SOFTHSM2_CONF if missing. */
  private static Path ensureConfiguration() {
    String named = System.getenv("SOFTHSM2_CONF");
    if (named == null || named.isBlank()) {
      throw new IllegalStateException(
          "SOFTHSM2_CONF is not set; run the tests through Maven (surefire/failsafe set it)");
    }
    Path conf = Path.of(named).toAbsolutePath();
    Path tokens = conf.getParent().resolve("tokens");
    try {
      Files.createDirectories(tokens);
      if (!Files.exists(conf)) {
        Files.writeString(
            conf,
            "directories.tokendir = "
                + tokens
                + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n"
                + "slots.mechanisms = ALL\n",
            StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write SoftHSM configuration " + conf, e);
    }
    return conf;
  }

  private static void run(Path conf, List<String> command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("SOFTHSM2_CONF", conf.toString());
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("softhsm2-util failed: " + output.strip());
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "softhsm2-util cannot run: run apt-get install softhsm2 (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating a SoftHSM token", e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  @Override
  public String toString() {
    return "SoftHsmToken[" + label + "]";
  }
}
