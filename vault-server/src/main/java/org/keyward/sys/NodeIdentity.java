package org.keyward.sys;

/**
 * What this node reports about itself in health and status answers.
 *
 * @param version semver of the running build, e.g. {@code 0.1.0}
 * @param clusterName from the configuration
 * @param clusterId a UUID made once per data directory
 */
public record NodeIdentity(String version, String clusterName, String clusterId) {
  public NodeIdentity {
    if (version.isEmpty() || clusterName.isEmpty() || clusterId.isEmpty()) {
      throw new IllegalArgumentException("version, cluster name and cluster id are required");
    }
  }
}
