package org.keyward.engine.pki;

import java.time.Clock;
import org.keyward.engine.BackendContext;
import org.keyward.engine.BackendFactory;
import org.keyward.engine.MountedBackend;

/** Makes {@link PkiEngine}s for mounts of type {@code pki}, all over one CA key custody. */
public final class PkiEngineFactory implements BackendFactory {
  private final CaKeyCustody custody;
  private final RevocationListener listener;

  /**
   * @param custody the HSM-backed custody the server provides
   */
  public PkiEngineFactory(CaKeyCustody custody) {
    this(custody, RevocationListener.NONE);
  }

  /**
   * @param listener told of every revocation in every pki mount (the server revokes the tokens a
   *     certificate logged in for)
   */
  public PkiEngineFactory(CaKeyCustody custody, RevocationListener listener) {
    this.custody = custody;
    this.listener = listener;
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
  public MountedBackend create(BackendContext context) {
    return new PkiEngine(context.vertx(), context.storage(), custody, Clock.systemUTC(), listener);
  }
}
