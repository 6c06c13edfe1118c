package org.keyward.ha;

import io.vertx.core.Future;

/** What leadership switches: the vault's lifecycle as the HA election drives it. */
public interface Activation {
  /** Won leadership: unseal through the HSM, load everything from storage, serve. */
  Future<Void> becomeActive();

  /** Lost or gave up leadership: stop serving and drop every cache. Must not fail for long. */
  Future<Void> becomeStandby();

  /** Whether this node may lead now (false while sealed by hand). */
  default boolean mayLead() {
    return true;
  }
}
