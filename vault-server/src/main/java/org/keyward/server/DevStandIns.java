package org.keyward.server;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import org.keyward.barrier.SealState;
import org.keyward.http.ApiError;
import org.keyward.http.Authenticator;
import org.keyward.http.Caller;

/**
 * TEMPORARY: the stand-ins the server runs with until the barrier (init/seal/unseal) and the token
 * store exist. Every use is in {@link CompositionRoot}; replace them there, then delete this class.
 */
public final class DevStandIns {
  private DevStandIns() {}

  /** Dev mode until the barrier exists: reports initialised and unsealed. */
  public static SealState unsealed() {
    return new FixedSealState(true, false);
  }

  /** A configured server until the barrier exists: not initialised (health answers 501). */
  public static SealState uninitialized() {
    return new FixedSealState(false, true);
  }

  /**
   * Accepts exactly {@code rootToken} as a root caller, compared in constant time so the answer
   * time does not reveal how much of a guess was right; every other token is denied.
   */
  public static Authenticator rootTokenOnly(String rootToken) {
    byte[] expected = rootToken.getBytes(StandardCharsets.UTF_8);
    Caller root = new Caller("dev-root", Set.of("root"), "root", "auth/token/root", "", Map.of());
    return (token, request) ->
        MessageDigest.isEqual(expected, token.reveal().getBytes(StandardCharsets.UTF_8))
            ? Future.succeededFuture(root)
            : Future.failedFuture(ApiError.permissionDenied());
  }

  /** A configured server until the token store exists: no token is valid. */
  public static Authenticator denyAll() {
    return (token, request) -> Future.failedFuture(ApiError.permissionDenied());
  }

  /** A seal state that never changes. */
  record FixedSealState(boolean isInitialized, boolean isSealed) implements SealState {}
}
