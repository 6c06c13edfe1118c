package org.keyward.engine.kv;

import java.time.Clock;
import java.util.List;
import org.keyward.engine.MountedBackend;
import org.keyward.http.Operation;
import org.keyward.http.Operation.Flag;
import org.keyward.view.StorageView;

/**
 * Vault's KV version 2 engine: versioned secrets whose values are arbitrary JSON objects, with
 * check-and-set, soft delete, undelete, destroy, per-secret and mount-wide settings, and the exact
 * API and JSON of Vault so existing clients ({@code vault kv}, Spring Vault) work unchanged. As in
 * Vault, a write to {@code data/} or {@code metadata/} needs {@code create} while the secret does
 * not exist and {@code update} once it does; every other write needs {@code update}.
 */
public final class KvEngine implements MountedBackend {
  private final KvDataRoutes data;
  private final KvMetadataRoutes metadata;
  private final KvConfigRoutes config;

  /** An engine over {@code storage}, the mount's own view; {@code clock} stamps versions. */
  public KvEngine(StorageView storage, Clock clock) {
    KvStore store = new KvStore(storage, clock);
    this.data = new KvDataRoutes(store);
    this.metadata = new KvMetadataRoutes(store);
    this.config = new KvConfigRoutes(store);
  }

  @Override
  public List<Operation<?>> operations() {
    return List.of(
        Operation.read("config", request -> null, config::read).with(Flag.NO_EFFECTS),
        Operation.write("config", ConfigWriteRequest::from, config::write),
        Operation.read("data/*path", DataReadRequest::from, data::read).with(Flag.NO_EFFECTS),
        Operation.write("data/*path", DataWriteRequest::from, data::write)
            .checkingExistence(data::exists),
        Operation.patch("data/*path", DataWriteRequest::fromPatch, data::patch),
        Operation.delete("data/*path", SecretPath::from, data::deleteLatest),
        Operation.read("subkeys/*path", DataReadRequest::from, data::subkeys).with(Flag.NO_EFFECTS),
        Operation.write("delete/*path", VersionsRequest::from, data::deleteVersions),
        Operation.write("undelete/*path", VersionsRequest::from, data::undelete),
        Operation.write("destroy/*path", VersionsRequest::from, data::destroy),
        Operation.list("metadata/*path", ListRequest::from, metadata::list).with(Flag.NO_EFFECTS),
        Operation.read("metadata/*path", SecretPath::from, metadata::read).with(Flag.NO_EFFECTS),
        Operation.write("metadata/*path", MetadataWriteRequest::fromWrite, metadata::write)
            .checkingExistence(metadata::exists),
        Operation.patch("metadata/*path", MetadataWriteRequest::fromPatch, metadata::patch),
        Operation.delete("metadata/*path", SecretPath::from, metadata::delete));
  }
}
