package org.keyward.server;

import com.google.crypto.tink.Aead;
import java.util.List;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyProvider;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.KeyWrapper;
import org.keyward.hsm.SigningAlgorithm;

/**
 * A key provider that opens the real one on first use and again on later calls while opening fails,
 * so a server whose HSM (module, token or PIN) is missing at start stays up sealed and unseals once
 * the HSM is there, instead of refusing to start. Until then every call fails with {@link
 * HsmException.Kind#UNAVAILABLE}, keeping the opener's message (it names the library or token
 * label, never the PIN). Thread-safe; blocking like the provider it opens.
 */
final class LazyKeyProvider implements KeyProvider {
  /** Opens the real provider; blocking. */
  @FunctionalInterface
  interface Opener {
    KeyProvider open() throws HsmException;
  }

  private final Opener opener;
  private final String description;
  private KeyProvider delegate;
  private boolean closed;

  LazyKeyProvider(String description, Opener opener) {
    this.description = description;
    this.opener = opener;
  }

  private synchronized KeyProvider delegate() throws HsmException {
    if (closed) {
      throw new HsmException(HsmException.Kind.UNAVAILABLE, description + " is closed");
    }
    if (delegate == null) {
      try {
        delegate = opener.open();
      } catch (HsmException e) {
        throw new HsmException(HsmException.Kind.UNAVAILABLE, e.getMessage(), e);
      }
    }
    return delegate;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Aead kek(KeyRef ref) throws HsmException {
    return delegate().kek(ref);
  }

  @Override
  public Aead createKek(KeyRef ref) throws HsmException {
    return delegate().createKek(ref);
  }

  @Override
  public Aead aesKey(KeyRef ref) throws HsmException {
    return delegate().aesKey(ref);
  }

  @Override
  public Aead createAesKey(KeyRef ref) throws HsmException {
    return delegate().createAesKey(ref);
  }

  @Override
  public KeyWrapper keyWrapper(KeyRef ref) throws HsmException {
    return delegate().keyWrapper(ref);
  }

  @Override
  public CaSigner signer(KeyRef ref) throws HsmException {
    return delegate().signer(ref);
  }

  @Override
  public CaSigner createSigner(KeyRef ref, SigningAlgorithm algorithm) throws HsmException {
    return delegate().createSigner(ref, algorithm);
  }

  @Override
  public List<Integer> versions(String name) throws HsmException {
    return delegate().versions(name);
  }

  @Override
  public void destroy(KeyRef ref) throws HsmException {
    delegate().destroy(ref);
  }

  @Override
  public void ping() throws HsmException {
    delegate().ping();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (delegate != null) {
      delegate.close();
      delegate = null;
    }
  }
}
