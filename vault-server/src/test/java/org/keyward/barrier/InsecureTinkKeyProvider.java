package org.keyward.barrier;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyProvider;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.KeyWrapper;
import org.keyward.hsm.SigningAlgorithm;

/**
 * A {@link KeyProvider} whose "token" is a map of Tink AES-GCM keys in memory, for unit tests of
 * the barrier. It counts every call, KEK encryptions and decryptions included, so tests can prove
 * the hot path makes none; {@link #unplug()} makes every call fail UNAVAILABLE as a missing token
 * would, and {@link #replaceToken()} loses every key as a new, empty token would.
 */
public final class InsecureTinkKeyProvider implements KeyProvider {
  private final Map<String, Aead> keks = new TreeMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean unplugged;

  /** Calls made so far, of any method, including the returned KEKs' encrypt and decrypt. */
  public int calls() {
    return calls.get();
  }

  public void unplug() {
    unplugged = true;
  }

  public void plugIn() {
    unplugged = false;
  }

  public synchronized void replaceToken() {
    keks.clear();
  }

  @Override
  public String description() {
    return "in-memory test token";
  }

  @Override
  public synchronized Aead kek(KeyRef ref) throws HsmException {
    enter();
    Aead kek = keks.get(ref.label());
    if (kek == null) {
      throw new HsmException(HsmException.Kind.KEY_NOT_FOUND, "no key " + ref.label());
    }
    return counting(kek);
  }

  @Override
  public synchronized Aead createKek(KeyRef ref) throws HsmException {
    enter();
    if (!keks.containsKey(ref.label())) {
      try {
        KeysetHandle handle =
            KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get());
        keks.put(ref.label(), handle.getPrimitive(AeadConfig2026.get(), Aead.class));
      } catch (GeneralSecurityException e) {
        throw new HsmException(HsmException.Kind.FAILED, "generate failed", e);
      }
    }
    return counting(keks.get(ref.label()));
  }

  @Override
  public Aead aesKey(KeyRef ref) throws HsmException {
    return kek(ref);
  }

  @Override
  public Aead createAesKey(KeyRef ref) throws HsmException {
    return createKek(ref);
  }

  @Override
  public KeyWrapper keyWrapper(KeyRef ref) throws HsmException {
    throw new HsmException(HsmException.Kind.FAILED, "not in this fake");
  }

  @Override
  public CaSigner signer(KeyRef ref) throws HsmException {
    throw new HsmException(HsmException.Kind.FAILED, "not in this fake");
  }

  @Override
  public CaSigner createSigner(KeyRef ref, SigningAlgorithm algorithm) throws HsmException {
    throw new HsmException(HsmException.Kind.FAILED, "not in this fake");
  }

  @Override
  public synchronized List<Integer> versions(String name) throws HsmException {
    enter();
    List<Integer> out = new ArrayList<>();
    for (String label : keks.keySet()) {
      if (label.startsWith(name + "-v")) {
        out.add(Integer.parseInt(label.substring(name.length() + 2)));
      }
    }
    out.sort(null);
    return out;
  }

  @Override
  public synchronized void destroy(KeyRef ref) throws HsmException {
    enter();
    keks.remove(ref.label());
  }

  @Override
  public void ping() throws HsmException {
    enter();
  }

  @Override
  public void close() {}

  private void enter() throws HsmException {
    calls.incrementAndGet();
    if (unplugged) {
      throw new HsmException(HsmException.Kind.UNAVAILABLE, "token not present");
    }
  }

  private Aead counting(Aead kek) {
    return new Aead() {
      @Override
      public byte[] encrypt(byte[] plaintext, byte[] associatedData)
          throws GeneralSecurityException {
        enter();
        return kek.encrypt(plaintext, associatedData);
      }

      @Override
      public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
          throws GeneralSecurityException {
        enter();
        return kek.decrypt(ciphertext, associatedData);
      }
    };
  }
}
