package org.keyward.engine.kv;

import io.vertx.core.Future;
import java.util.Optional;
import org.keyward.http.RequestContext;
import org.keyward.view.StoredValue;

/**
 * A secret's metadata entry as the existence check of a {@code data/} or {@code metadata/} write
 * read it (empty: no such secret, so the write is a create). The write of the same request starts
 * from it instead of reading the entry again; its commit expects this revision, so a change in
 * between is caught and retried with a fresh read.
 */
record MetadataRead(SecretPath path, Optional<StoredValue> stored) {

  /** Vault's existence check for kv v2: a secret exists while it has metadata. */
  static Future<Boolean> check(KvStore store, SecretPath path, RequestContext request) {
    return store
        .readMetadata(path)
        .map(
            stored -> {
              request.keepExistenceRead(new MetadataRead(path, stored));
              return stored.isPresent();
            });
  }

  /** The read kept for {@code path} by this request's existence check, or null. */
  static MetadataRead kept(SecretPath path, RequestContext request) {
    return request
        .existenceRead(MetadataRead.class)
        .filter(read -> read.path.equals(path))
        .orElse(null);
  }
}
