package org.keyward.engine.transit;

import org.keyward.engine.AeadKeyCustody;
import org.keyward.engine.Engine;
import org.keyward.engine.EngineContext;
import org.keyward.engine.EngineFactory;

/**
 * Makes {@link TransitEngine}s for mounts of type {@code transit}; {@code hsm-aes256-gcm} keys go
 * to {@code custody}.
 */
public final class TransitEngineFactory implements EngineFactory {
  private final AeadKeyCustody custody;

  public TransitEngineFactory(AeadKeyCustody custody) {
    this.custody = custody;
  }

  /** Without an HSM: {@code hsm-aes256-gcm} keys are refused. */
  public TransitEngineFactory() {
    this(AeadKeyCustody.NONE);
  }

  @Override
  public String type() {
    return "transit";
  }

  @Override
  public String description() {
    return "encryption as a service";
  }

  @Override
  public Engine create(EngineContext context) {
    return new TransitEngine(context, custody);
  }
}
