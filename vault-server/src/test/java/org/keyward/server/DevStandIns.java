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
 * Light stand-ins for the vault's parts, for tests of the listener itself (health codes, bad input,
 * metrics) that need no barrier, token store or HSM.
 */
final class DevStandIns {
  private DevStandIns() {}

  /** Reports initialised and unsealed. */
  static SealState unsealed() {
    return new FixedSealState(true, false);
  }

  /** Not initialised (health answers 501). */
  static SealState uninitialized() {
    return new FixedSealState(false, true);
  }

  /**
   * Accepts exactly {@code rootToken} as a root caller, compared in constant time so the answer
   * time does not reveal how much of a guess was right; every other token is denied.
   */
  static Authenticator rootTokenOnly(String rootToken) {
    byte[] expected = rootToken.getBytes(StandardCharsets.UTF_8);
    Caller root = new Caller("dev-root", Set.of("root"), "root", "auth/token/root", "", Map.of());
    return (token, request) ->
        MessageDigest.isEqual(expected, token.reveal().getBytes(StandardCharsets.UTF_8))
            ? Future.succeededFuture(root)
            : Future.failedFuture(ApiError.permissionDenied());
  }

  /** No token is valid. */
  static Authenticator denyAll() {
    return (token, request) -> Future.failedFuture(ApiError.permissionDenied());
  }

  /** Parts with a dev root token and nothing else: sys only, root-only ACL, no audit. */
  static ServerParts dev(String rootToken) {
    return new ServerParts(
        unsealed(),
        () -> false,
        rootTokenOnly(rootToken),
        org.keyward.http.Authorizer.ROOT_ONLY,
        org.keyward.http.AuditSink.NONE,
        ServerParts::sysOnly);
  }

  /** A seal state that never changes. */
  record FixedSealState(boolean isInitialized, boolean isSealed) implements SealState {}
}
