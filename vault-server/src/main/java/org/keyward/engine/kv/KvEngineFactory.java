package org.keyward.engine.kv;

import java.time.Clock;
import org.keyward.engine.BackendContext;
import org.keyward.engine.BackendFactory;
import org.keyward.engine.MountedBackend;

/** Makes {@link KvEngine}s for mounts of type {@code kv} (served as KV version 2). */
public final class KvEngineFactory implements BackendFactory {
  @Override
  public String type() {
    return "kv";
  }

  @Override
  public String description() {
    return "key/value secret storage";
  }

  @Override
  public MountedBackend create(BackendContext context) {
    return new KvEngine(context.storage(), Clock.systemUTC());
  }
}
