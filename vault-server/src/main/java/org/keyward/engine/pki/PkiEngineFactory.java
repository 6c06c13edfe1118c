package org.keyward.engine.pki;

import java.time.Clock;
import org.keyward.engine.Engine;
import org.keyward.engine.EngineContext;
import org.keyward.engine.EngineFactory;

/** Makes {@link PkiEngine}s for mounts of type {@code pki}, all over one CA key custody. */
public final class PkiEngineFactory implements EngineFactory {
  private final CaKeyCustody custody;

  /**
   * @param custody the HSM-backed custody the server provides
   */
  public PkiEngineFactory(CaKeyCustody custody) {
    this.custody = custody;
  }

  @Override
  public String type() {
    return "pki";
  }

  @Override
  public String description() {
    return "certificate authority";
  }

  @Override
  public Engine create(EngineContext context) {
    return new PkiEngine(context.vertx(), context.storage(), custody, Clock.systemUTC());
  }
}
