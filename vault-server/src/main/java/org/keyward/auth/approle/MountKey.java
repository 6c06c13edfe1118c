package org.keyward.auth.approle;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keyward.view.StorageView;
import org.keyward.view.ViewOp;

/**
 * The per-mount HMAC-SHA256 key under which role ids and secret ids are hashed before they become
 * storage keys, so the database (and a storage listing) never holds a usable secret id. Created
 * once per mount, on first use, with an expect-absent write so two first users agree on one key.
 * Thread-safe.
 */
final class MountKey {
  private static final String KEY_PATH = "salt/hmac-key";

  private final StorageView view;
  private volatile byte[] key;

  MountKey(StorageView view) {
    this.view = view;
  }

  /**
   * Hex HMAC of {@code value}, prefixed by {@code domain} so a role id never hashes like a secret
   * id.
   */
  Future<String> hash(String domain, String value) {
    return load().map(k -> hmacHex(k, domain + "\0" + value));
  }

  private Future<byte[]> load() {
    byte[] cached = key;
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return view.get(KEY_PATH)
        .compose(
            found -> {
              if (found.isPresent()) {
                return Future.succeededFuture(found.get());
              }
              byte[] fresh = RandomIds.key();
              // Another request may create it first: then re-read and use that one.
              return view.transaction(
                      List.of(ViewOp.expect(KEY_PATH, null), ViewOp.put(KEY_PATH, fresh)))
                  .map(v -> fresh)
                  .recover(
                      e -> view.get(KEY_PATH).map(again -> again.orElseThrow(() -> asRuntime(e))));
            })
        .map(
            k -> {
              key = k;
              return k;
            });
  }

  private static RuntimeException asRuntime(Throwable e) {
    return e instanceof RuntimeException r ? r : new IllegalStateException(e);
  }

  private static String hmacHex(byte[] k, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(k, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
