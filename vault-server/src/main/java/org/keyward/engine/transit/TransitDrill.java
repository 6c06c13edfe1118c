package org.keyward.engine.transit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.keyward.engine.AeadKeyCustody;
import org.keyward.engine.DrillCheck.Checked;

/**
 * The restore drill of a transit mount: every encryption key seals and opens a sample under each
 * version still allowed to decrypt (through the HSM for {@code hsm-aes256-gcm}), and every signing
 * key signs a sample with its newest version and verifies it.
 */
final class TransitDrill {
  private static final byte[] SAMPLE =
      "keyward restore drill sample".getBytes(StandardCharsets.UTF_8);
  private static final byte[] CONTEXT = "keyward-drill".getBytes(StandardCharsets.UTF_8);

  private final TransitKeyStore store;
  private final AeadKeyCustody custody;
  private final Vertx vertx;

  TransitDrill(TransitKeyStore store, AeadKeyCustody custody, Vertx vertx) {
    this.store = store;
    this.custody = custody;
    this.vertx = vertx;
  }

  Future<List<Checked>> run() {
    return store
        .list()
        .compose(
            names -> {
              List<Future<Checked>> checks = new ArrayList<>();
              for (String name : names) {
                checks.add(
                    store
                        .find(new KeyName(name))
                        .compose(this::check)
                        .recover(
                            e ->
                                Future.succeededFuture(
                                    new Checked("transit key " + name, describe(e)))));
              }
              return Future.join(checks)
                  .transform(ignored -> Future.succeededFuture(results(checks)));
            });
  }

  private static List<Checked> results(List<Future<Checked>> checks) {
    List<Checked> out = new ArrayList<>();
    checks.forEach(c -> out.add(c.result()));
    return out;
  }

  private Future<Checked> check(Optional<LoadedKey> found) {
    if (found.isEmpty()) {
      return Future.failedFuture(new IllegalStateException("listed but not readable"));
    }
    LoadedKey loaded = found.get();
    TransitKey key = loaded.key();
    String item = "transit key " + key.name();
    Future<Void> work;
    if (key.type().isHsmResident()) {
      work = hsmRoundTrips(key);
    } else if (key.type().supportsEncryption() && key.type().isAead()) {
      work = vertx.executeBlocking(() -> softwareRoundTrips(loaded), false);
    } else if (key.type().supportsSigning()) {
      work = vertx.executeBlocking(() -> signAndVerify(key), false);
    } else {
      return Future.succeededFuture(new Checked(item, ""));
    }
    return work.map(v -> new Checked(item, ""))
        .recover(e -> Future.succeededFuture(new Checked(item, describe(e))));
  }

  private static Void softwareRoundTrips(LoadedKey loaded) throws GeneralSecurityException {
    TransitKey key = loaded.key();
    if (key.derived()) {
      VaultCiphertext sealed =
          TransitCipher.encrypt(loaded, SAMPLE, CONTEXT, null, key.latestVersion());
      same(TransitCipher.decrypt(loaded, sealed, CONTEXT, null), "newest version");
      return null;
    }
    for (int v : decryptableVersions(key)) {
      AeadCipher cipher = loaded.cipher(v);
      same(cipher.open(cipher.seal(SAMPLE, null), null), "version " + v);
    }
    return null;
  }

  private Future<Void> hsmRoundTrips(TransitKey key) {
    String id = store.hsmKeyId(key.name());
    return custody.withKeys(
        keys -> {
          for (int v : decryptableVersions(key)) {
            try {
              same(keys.open(id, v, keys.seal(id, v, SAMPLE, null), null), "version " + v);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("version " + v + " does not open what it sealed");
            }
          }
          return null;
        });
  }

  private static Void signAndVerify(TransitKey key) {
    KeyVersion newest = key.versions().get(key.latestVersion());
    AsymmetricSigner.Options options = AsymmetricSigner.Options.defaults();
    byte[] signature = AsymmetricSigner.sign(key.type(), newest.key(), SAMPLE, options);
    if (!AsymmetricSigner.verify(key.type(), newest.publicKey(), SAMPLE, signature, options)) {
      throw new IllegalStateException("newest version's signature does not verify");
    }
    return null;
  }

  private static List<Integer> decryptableVersions(TransitKey key) {
    return key.versions().keySet().stream()
        .filter(v -> v >= key.minDecryptionVersion())
        .sorted()
        .toList();
  }

  private static void same(byte[] opened, String what) {
    if (!Arrays.equals(opened, SAMPLE)) {
      throw new IllegalStateException(what + " does not give back the sample");
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
