package org.keyward.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.keyward.hsm.HsmException;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;

/**
 * One loaded PKCS#11 library, shared by every provider of that library in this JVM. C_Initialize
 * and C_Finalize are process-global, so a provider that finalized on close would pull the module
 * from under the others: the module is finalized only when the last user releases it.
 *
 * <p>To see a token that went away and came back, the module must be re-initialised (SoftHSM reads
 * its token directory only at C_Initialize; an HSM client library resets its connection there).
 * Every call into the module holds {@link #calls()}, a read lock, and {@link #reinitialize} takes
 * the write lock, so C_Finalize never runs while another thread is inside the library (which could
 * crash it). Each re-initialisation bumps a generation, so connections that lost their sessions to
 * the same event re-initialise once, not once each.
 */
final class SharedModule {
  private static final Map<Path, SharedModule> LOADED = new HashMap<>();

  private final Path library;
  private final PKCS11Module module;
  private int users;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile long generation;

  private SharedModule(Path library, PKCS11Module module) {
    this.library = library;
    this.module = module;
  }

  /**
   * Loads and initializes {@code library} on first use; later calls share it.
   *
   * @throws HsmException CONFIGURATION if the library is missing or cannot be loaded
   */
  static SharedModule acquire(Path library) throws HsmException {
    Path key = library.toAbsolutePath().normalize();
    synchronized (LOADED) {
      SharedModule shared = LOADED.get(key);
      if (shared == null) {
        shared = new SharedModule(key, load(key));
        shared.ensureInitialized();
        LOADED.put(key, shared);
      }
      shared.users++;
      return shared;
    }
  }

  private static PKCS11Module load(Path library) throws HsmException {
    if (!Files.isRegularFile(library)) {
      throw missingLibrary(library, "no such file");
    }
    WrapperLogBridge.install();
    try {
      return PKCS11Module.getInstance(library.toString());
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      throw missingLibrary(library, e.getMessage());
    }
  }

  private static HsmException missingLibrary(Path library, String why) {
    return new HsmException(
        HsmException.Kind.CONFIGURATION,
        "PKCS#11 library "
            + library
            + " cannot be loaded ("
            + why
            + "): install softhsm2 (apt-get install softhsm2) or fix the library path");
  }

  PKCS11Module module() {
    return module;
  }

  Path library() {
    return library;
  }

  /**
   * Calls C_Initialize unless the module already is; used at load and when reconnecting after the
   * module was finalized underneath us (CKR_CRYPTOKI_NOT_INITIALIZED).
   */
  synchronized void ensureInitialized() throws HsmException {
    try {
      module.initialize();
    } catch (PKCS11Exception e) {
      if (e.getErrorCode() != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        throw new HsmException(
            HsmException.Kind.UNAVAILABLE,
            "C_Initialize of " + library + " failed: " + e.getErrorName(),
            e);
      }
    }
  }

  /** Whether another provider in this JVM uses the module too. */
  boolean sharedWithOthers() {
    synchronized (LOADED) {
      return users > 1;
    }
  }

  /** Held (shared) around every call into the library. */
  Lock calls() {
    return lock.readLock();
  }

  /** How many times the module was re-initialised. */
  long generation() {
    return generation;
  }

  /**
   * C_Finalize then C_Initialize, unless another connection already did so since {@code seen} (a
   * {@link #generation()} read before). Waits at most {@code waitMillis} for calls in flight.
   *
   * @throws HsmException UNAVAILABLE if calls did not drain in time or C_Initialize failed
   */
  void reinitialize(long seen, long waitMillis) throws HsmException {
    Lock write = lock.writeLock();
    try {
      if (!write.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
        throw new HsmException(
            HsmException.Kind.UNAVAILABLE,
            "re-initialising " + library + " waited too long for calls in flight");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HsmException(HsmException.Kind.UNAVAILABLE, "interrupted", e);
    }
    try {
      if (generation != seen) {
        return;
      }
      try {
        module.finalize(null);
      } catch (PKCS11Exception e) {
        // Already finalized underneath us, or the device is gone: C_Initialize decides.
        System.getLogger(SharedModule.class.getName())
            .log(System.Logger.Level.DEBUG, "C_Finalize of " + library + ": " + e.getErrorName());
      }
      generation++;
      ensureInitialized();
    } finally {
      write.unlock();
    }
  }

  /** Finalizes the module when the last user releases it. */
  void release() {
    synchronized (LOADED) {
      if (--users > 0) {
        return;
      }
      LOADED.remove(library);
      try {
        module.finalize(null);
      } catch (PKCS11Exception e) {
        System.getLogger(SharedModule.class.getName())
            .log(System.Logger.Level.DEBUG, "C_Finalize of " + library + ": " + e.getErrorName());
      }
    }
  }
}
