package org.keyward.engine.kv;

import java.time.Clock;
import org.keyward.engine.Engine;
import org.keyward.engine.EngineContext;
import org.keyward.engine.EngineFactory;

/** Makes {@link KvEngine}s for mounts of type {@code kv} (served as KV version 2). */
public final class KvEngineFactory implements EngineFactory {
  @Override
  public String type() {
    return "kv";
  }

  @Override
  public String description() {
    return "key/value secret storage";
  }

  @Override
  public Engine create(EngineContext context) {
    return new KvEngine(context.storage(), Clock.systemUTC());
  }
}
