package org.keyward.server;

/** Facts about this build that clients see. */
public final class BuildInfo {
  /** Semver reported by {@code sys/health}; bump it with the project version. */
  public static final String VERSION = "0.1.0";

  private BuildInfo() {}
}
