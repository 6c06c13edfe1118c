package org.keyward.auth;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keyward.view.StorageView;
import org.keyward.view.ViewOp;

/**
 * Turns a token into the key it is stored under: HMAC-SHA256 under a random 32-byte key kept in the
 * barrier, so the storage holds no token and a stolen database cannot be checked against guesses
 * without that key. Thread-safe: each thread gets its own {@link Mac}.
 */
final class TokenHasher {
  static final int KEY_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final ThreadLocal<Mac> macs;

  TokenHasher(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("token HMAC key must be " + KEY_BYTES + " bytes");
    }
    SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(spec);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
              }
            });
  }

  /**
   * Reads the key at {@code key} in {@code view}, creating a random one if absent. Two processes
   * racing to create it both end up with the one that was written first.
   */
  static Future<TokenHasher> loadOrCreate(StorageView view, String key, SecureRandom random) {
    return view.get(key)
        .compose(
            existing -> {
              if (existing.isPresent()) {
                return Future.succeededFuture(existing.get());
              }
              byte[] fresh = new byte[KEY_BYTES];
              random.nextBytes(fresh);
              return view.transaction(List.of(ViewOp.expect(key, null), ViewOp.put(key, fresh)))
                  .map(v -> fresh)
                  // A lost race leaves the winner's key in place: use it, else report our failure.
                  .recover(
                      e ->
                          view.get(key)
                              .compose(
                                  again ->
                                      again.isPresent()
                                          ? Future.succeededFuture(again.get())
                                          : Future.failedFuture(e)));
            })
        .map(TokenHasher::new);
  }

  /** The hex HMAC of {@code token}. */
  String hash(String token) {
    Mac mac = macs.get();
    return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "TokenHasher[REDACTED]";
  }
}
