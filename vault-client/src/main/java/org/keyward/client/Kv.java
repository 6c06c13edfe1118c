package org.keyward.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Blocking KV version 2 operations at one mount; see {@link AsyncKv}. */
public final class Kv {
  private final AsyncKv async;

  Kv(AsyncKv async) {
    this.async = async;
  }

  public Optional<KvSecret> get(String path) {
    return Blocking.await(async.get(path));
  }

  public Optional<KvSecret> get(String path, long version) {
    return Blocking.await(async.get(path, version));
  }

  public KvVersion put(String path, SecretData data) {
    return Blocking.await(async.put(path, data));
  }

  public KvVersion put(String path, SecretData data, long cas) {
    return Blocking.await(async.put(path, data, cas));
  }

  public KvVersion patch(String path, Map<String, ?> changes) {
    return Blocking.await(async.patch(path, changes));
  }

  public List<String> list(String path) {
    return Blocking.await(async.list(path));
  }

  public void delete(String path) {
    Blocking.await(async.delete(path));
  }

  public void delete(String path, List<Long> versions) {
    Blocking.await(async.delete(path, versions));
  }

  public void undelete(String path, List<Long> versions) {
    Blocking.await(async.undelete(path, versions));
  }

  public void destroy(String path, List<Long> versions) {
    Blocking.await(async.destroy(path, versions));
  }

  public Optional<KvMetadata> readMetadata(String path) {
    return Blocking.await(async.readMetadata(path));
  }

  public void writeMetadata(String path, KvMetadataSettings settings) {
    Blocking.await(async.writeMetadata(path, settings));
  }

  public void deleteMetadata(String path) {
    Blocking.await(async.deleteMetadata(path));
  }
}
