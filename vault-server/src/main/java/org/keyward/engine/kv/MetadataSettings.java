package org.keyward.engine.kv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings a client may set on one secret through {@code metadata/:path}.
 *
 * @param customMetadata null when never set
 */
record MetadataSettings(
    boolean casRequired,
    long maxVersions,
    long deleteVersionAfterSeconds,
    Map<String, String> customMetadata) {
  MetadataSettings {
    customMetadata =
        customMetadata == null
            ? null
            : Collections.unmodifiableMap(new LinkedHashMap<>(customMetadata));
  }
}
