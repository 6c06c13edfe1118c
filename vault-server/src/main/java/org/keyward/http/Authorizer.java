package org.keyward.http;

/**
 * Decides whether a caller may use a capability on a full request path (mount included, e.g. {@code
 * secret/data/devices/olt-17}). Pure and in-memory: it runs on the event loop.
 */
@FunctionalInterface
public interface Authorizer {
  Decision authorize(Caller caller, String path, Capability capability);

  /** Allows root and nothing else; the policy engine replaces it. */
  Authorizer ROOT_ONLY =
      (caller, path, capability) ->
          caller.isRoot() ? Decision.allow("root") : Decision.deny("not root");

  /** The outcome and, for the audit log, why. */
  record Decision(boolean allowed, String reason) {
    public static Decision allow(String reason) {
      return new Decision(true, reason);
    }

    public static Decision deny(String reason) {
      return new Decision(false, reason);
    }
  }
}
