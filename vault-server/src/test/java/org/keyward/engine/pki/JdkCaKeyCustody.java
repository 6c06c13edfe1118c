package org.keyward.engine.pki;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.keyward.http.ApiError;

/**
 * A {@link CaKeyCustody} over JDK key pairs held in memory, standing in for the HSM in tests. It
 * counts signatures, so tests can assert that a refused request never reached the CA key.
 */
final class JdkCaKeyCustody implements CaKeyCustody {
  private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
  private final Map<String, CaKeyType> types = new ConcurrentHashMap<>();
  private final AtomicInteger signatures = new AtomicInteger();

  @Override
  public Future<CaKey> createKey(String keyName, CaKeyType type) {
    keys.computeIfAbsent(keyName, n -> PkiWorker.generate(type));
    types.putIfAbsent(keyName, type);
    return key(keyName);
  }

  @Override
  public Future<CaKey> key(String keyName) {
    KeyPair pair = keys.get(keyName);
    if (pair == null) {
      return Future.failedFuture(ApiError.unavailable("CA key unavailable"));
    }
    return Future.succeededFuture(new JdkCaKey(keyName, types.get(keyName), pair));
  }

  /** The key pair under {@code keyName}, for tests that need the private half (look-alikes). */
  KeyPair keyPair(String keyName) {
    return keys.get(keyName);
  }

  /** How many signatures custody has made so far. */
  int signatures() {
    return signatures.get();
  }

  private final class JdkCaKey implements CaKey {
    private final String name;
    private final CaKeyType type;
    private final KeyPair pair;

    JdkCaKey(String name, CaKeyType type, KeyPair pair) {
      this.name = name;
      this.type = type;
      this.pair = pair;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public CaKeyType type() {
      return type;
    }

    @Override
    public PublicKey publicKey() {
      return pair.getPublic();
    }

    @Override
    public Future<byte[]> sign(byte[] tbs) {
      // The HSM blocks: a signature asked for on an event loop is the bug this double catches.
      if (Context.isOnEventLoopThread()) {
        return Future.failedFuture(new AssertionError("CA signature requested on an event loop"));
      }
      try {
        Signature signature = Signature.getInstance(type.jcaSignatureAlgorithm());
        signature.initSign(pair.getPrivate());
        signature.update(tbs);
        signatures.incrementAndGet();
        return Future.succeededFuture(signature.sign());
      } catch (GeneralSecurityException e) {
        return Future.failedFuture(e);
      }
    }
  }
}
