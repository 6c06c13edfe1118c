package org.keyward.engine.transit;

import org.keyward.engine.AeadKeyCustody;
import org.keyward.engine.BackendContext;
import org.keyward.engine.BackendFactory;
import org.keyward.engine.MountedBackend;

/**
 * Makes {@link TransitEngine}s for mounts of type {@code transit}; {@code hsm-aes256-gcm} keys go
 * to {@code custody}.
 */
public final class TransitEngineFactory implements BackendFactory {
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
  public MountedBackend create(BackendContext context) {
    return new TransitEngine(context, custody);
  }
}
