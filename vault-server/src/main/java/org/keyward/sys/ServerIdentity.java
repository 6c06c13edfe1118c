package org.keyward.sys;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code sys/seal-status} reports about this server besides its seal.
 *
 * @param version semantic version (Terraform parses it), e.g. {@code 1.15.0}
 * @param buildDate RFC 3339, e.g. {@code 2026-01-01T00:00:00Z}
 * @param storageType e.g. {@code sqlite} or {@code postgresql}
 */
public record ServerIdentity(
    String version, String buildDate, String storageType, String clusterName, String clusterId) {
  private static final Pattern SEMVER =
      Pattern.compile("\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?");

  public ServerIdentity {
    if (version == null || !SEMVER.matcher(version).matches()) {
      throw new IllegalArgumentException("version must be semver, e.g. 1.15.0");
    }
    Objects.requireNonNull(buildDate, "buildDate");
    Objects.requireNonNull(storageType, "storageType");
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(clusterId, "clusterId");
  }
}
