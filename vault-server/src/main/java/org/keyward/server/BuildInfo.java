package org.keyward.server;

/** Facts about this build that clients see. */
public final class BuildInfo {
  /** Semver reported by {@code sys/health} and {@code sys/seal-status}; bump with the project. */
  public static final String VERSION = "0.1.0";

  /** Reported as {@code build_date} by {@code sys/seal-status}. */
  public static final String BUILD_DATE = "2026-11-23T00:00:00Z";

  private BuildInfo() {}
}
