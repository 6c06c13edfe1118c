package org.keyward.engine.kv;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;

/**
 * The name of one secret below the mount (e.g. {@code devices/olt-17}) and where its rows live.
 * Metadata and versions are keyed by a SHA-256 of the name, so a secret {@code a} and the folder
 * {@code a/} can never share a row and no name can reach outside its own keys; the listing index
 * keeps the readable name so {@code metadata} LIST can show keys and folders.
 */
record SecretPath(String value) {
  static final String METADATA_PREFIX = "meta/";
  static final String VERSIONS_PREFIX = "versions/";
  static final String INDEX_PREFIX = "index/";
  private static final int MAX_LENGTH = 1024;

  SecretPath {
    if (value == null || value.isEmpty()) {
      throw ApiError.badRequest("missing path");
    }
    if (value.endsWith("/")) {
      throw ApiError.badRequest("path must not end in '/'");
    }
    if (value.length() > MAX_LENGTH) {
      throw ApiError.badRequest("path is longer than " + MAX_LENGTH + " characters");
    }
  }

  /** The {@code *path} parameter of a request; 400 {@code missing path} when it is empty. */
  static SecretPath from(RequestContext request) {
    return new SecretPath(request.param("path"));
  }

  String metadataKey() {
    return METADATA_PREFIX + hash();
  }

  String versionKey(long version) {
    return VERSIONS_PREFIX + hash() + "/" + version;
  }

  String indexKey() {
    return INDEX_PREFIX + value;
  }

  private String hash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
