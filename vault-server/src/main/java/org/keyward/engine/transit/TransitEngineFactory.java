package org.keyward.engine.transit;

import org.keyward.engine.Engine;
import org.keyward.engine.EngineContext;
import org.keyward.engine.EngineFactory;

/** Makes {@link TransitEngine}s for mounts of type {@code transit}. */
public final class TransitEngineFactory implements EngineFactory {
  @Override
  public String type() {
    return "transit";
  }

  @Override
  public Engine create(EngineContext context) {
    return new TransitEngine(context);
  }
}
