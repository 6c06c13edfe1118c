package org.keyward.hsm.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.keyward.hsm.HsmCallListener;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.pkcs11.PinSource;
import org.keyward.hsm.pkcs11.Pkcs11Config;
import org.keyward.hsm.pkcs11.Pkcs11KeyProvider;
import org.keyward.hsm.pkcs11.WrapperLogBridge;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

/**
 * A fresh SoftHSM2 token with a unique label, for tests. The SoftHSM configuration is the file
 * named by {@code SOFTHSM2_CONF} (surefire and failsafe set it to {@code
 * target/softhsm/softhsm2.conf}); it and its token directory are created on first use, which must
 * come before the first C_Initialize in the JVM because SoftHSM reads the file only then.
 *
 * <p>Tokens are made through PKCS#11 (C_InitToken on the free slot, then C_InitPIN as SO), not with
 * {@code softhsm2-util --init-token --free}. Found with SoftHSM 2.6.1: a token that softhsm2-util
 * makes after the module was initialized in this JVM is NOT seen by the running module;
 * C_GetSlotList keeps listing the old free slot as uninitialized until C_Finalize and C_Initialize.
 * Initializing through the module in this process has no such gap, and SoftHSM adds a new free slot
 * after each C_InitToken. {@code
 * Pkcs11StartupFailureIT.open_secondTokenCreatedAfterModuleInitialized_isFound} guards this.
 *
 * <p>A missing SoftHSM fails the test with the install command; it is never a skip.
 */
public final class SoftHsmToken {
  /** Where Debian's softhsm2 package puts the module. */
  public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

  private static final SecureRandom RANDOM = new SecureRandom();

  /** This class's own handle on the library; never finalized here (other users share it). */
  private static PKCS11Module module;

  private final String label;
  private final char[] pin;
  private final Path pinFile;
  private Path unpluggedTo;
  private Path unpluggedFrom;

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
    initToken(label, soPin.toCharArray(), pin.toCharArray());
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

  /**
   * Moves this token's directory out of SoftHSM's token directory, as when a token is unplugged or
   * a network HSM drops: the running module then fails calls on it. Undo with {@link #plugBack()}.
   */
  public synchronized void unplug() {
    if (unpluggedTo != null) {
      throw new IllegalStateException(label + " is already unplugged");
    }
    Path directory = directory();
    Path away = ensureConfiguration().getParent().resolve("unplugged").resolve(label);
    try {
      Files.createDirectories(away.getParent());
      Files.move(directory, away);
    } catch (IOException e) {
      throw new IllegalStateException("cannot move token directory " + directory, e);
    }
    unpluggedTo = away;
    unpluggedFrom = directory;
  }

  /** Moves the token's directory back where {@link #unplug()} took it from. */
  public synchronized void plugBack() {
    if (unpluggedTo == null) {
      throw new IllegalStateException(label + " is not unplugged");
    }
    try {
      Files.move(unpluggedTo, unpluggedFrom);
    } catch (IOException e) {
      throw new IllegalStateException("cannot move token directory back to " + unpluggedFrom, e);
    }
    unpluggedTo = null;
    unpluggedFrom = null;
  }

  /** This token's directory below SoftHSM's token directory: the one whose token names it. */
  public Path directory() {
    Path tokens = ensureConfiguration().getParent().resolve("tokens");
    byte[] name = label.getBytes(StandardCharsets.US_ASCII);
    try (var dirs = Files.list(tokens)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        Path object = dir.resolve("token.object");
        if (Files.isRegularFile(object) && contains(Files.readAllBytes(object), name)) {
          return dir;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + tokens, e);
    }
    throw new IllegalStateException("no directory for token " + label + " in " + tokens);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
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

  /**
   * Initializes the free slot as token {@code label} and sets its user PIN. C_Initialize is
   * repeated each time because a provider closing last finalizes the module process-wide.
   */
  private static void initToken(String label, char[] soPin, char[] pin) {
    try {
      PKCS11Module module = module();
      try {
        module.initialize();
      } catch (PKCS11Exception e) {
        if (e.getErrorCode() != PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
          throw e;
        }
      }
      Slot free = null;
      for (Slot slot : module.getSlotList(true)) {
        if (!slot.getToken().getTokenInfo().isTokenInitialized()) {
          free = slot;
          break;
        }
      }
      if (free == null) {
        throw new IllegalStateException("SoftHSM offers no free slot for a new token");
      }
      // CK_UTF8CHAR label[32], blank padded: the native wrapper copies 32 chars as given.
      char[] paddedLabel = String.format("%-32s", label).toCharArray();
      module.getPKCS11Module().C_InitToken(free.getSlotID(), soPin, paddedLabel, true);
      Session session = free.getToken().openSession(true);
      try {
        session.login(PKCS11Constants.CKU_SO, soPin);
        session.initPIN(pin);
        session.logout();
      } finally {
        session.closeSession();
      }
    } catch (PKCS11Exception e) {
      throw new IllegalStateException("cannot initialize SoftHSM token: " + e.getErrorName(), e);
    } catch (iaik.pkcs.pkcs11.wrapper.PKCS11Exception e) {
      throw new IllegalStateException("C_InitToken failed: " + e.getMessage(), e);
    }
  }

  private static PKCS11Module module() {
    if (module == null) {
      WrapperLogBridge.install();
      try {
        module = PKCS11Module.getInstance(LIBRARY.toString());
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot load " + LIBRARY + ": run apt-get install softhsm2 (" + e.getMessage() + ")",
            e);
      }
    }
    return module;
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
