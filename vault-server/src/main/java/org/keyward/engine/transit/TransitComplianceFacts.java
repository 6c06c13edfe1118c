package org.keyward.engine.transit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The compliance report's view of a transit mount: per key its type, where it lives, whether it can
 * leave, its versions and the creation time of the newest. Public facts only, no key material.
 */
final class TransitComplianceFacts {
  private TransitComplianceFacts() {}

  static Future<JsonObject> of(TransitKeyStore store) {
    return store
        .list()
        .compose(
            names -> {
              List<Future<Optional<LoadedKey>>> reads = new ArrayList<>();
              names.forEach(n -> reads.add(store.find(new KeyName(n))));
              return Future.all(reads)
                  .map(
                      all -> {
                        JsonArray keys = new JsonArray();
                        for (Future<Optional<LoadedKey>> f : reads) {
                          f.result().ifPresent(k -> keys.add(key(k.key())));
                        }
                        return new JsonObject().put("keys", keys);
                      });
            });
  }

  private static JsonObject key(TransitKey key) {
    KeyVersion latest = key.versions().get(key.latestVersion());
    return new JsonObject()
        .put("name", key.name())
        .put("type", key.type().wireName())
        .put("hsm_resident", key.type().isHsmResident())
        .put("exportable", key.exportable())
        .put("allow_plaintext_backup", key.allowPlaintextBackup())
        .put("latest_version", key.latestVersion())
        .put("versions", key.versions().size())
        .put("min_decryption_version", key.minDecryptionVersion())
        .put("auto_rotate_period", key.autoRotatePeriodSeconds())
        .put("latest_version_created", latest == null ? 0L : latest.creationTime());
  }
}
