package org.keyward.sys;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;

/**
 * The rules a mount path obeys: segments of letters, digits, {@code _ . -}, stored with one
 * trailing slash; never one of Vault's reserved prefixes; never a prefix of, or inside, another
 * mount (longest-prefix routing would make one of them unreachable).
 */
final class MountPaths {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final int MAX_LENGTH = 256;
  private static final List<String> RESERVED =
      List.of("sys/", "auth/", "audit/", "cubbyhole/", "identity/");

  private MountPaths() {}

  /** {@code raw} with surrounding slashes trimmed and one trailing slash; 400 if malformed. */
  static String normalize(String raw) {
    String p = raw == null ? "" : raw;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      throw ApiError.badRequest("missing mount path");
    }
    if (p.length() > MAX_LENGTH) {
      throw ApiError.badRequest("mount path is too long");
    }
    for (String segment : p.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        throw ApiError.badRequest(
            "invalid mount path: segments may hold only letters, digits, '_', '.' and '-'");
      }
    }
    return p + "/";
  }

  /** Fails with 400 if {@code path} is reserved or overlaps one of {@code existing}. */
  static void checkAvailable(String path, Collection<String> existing) {
    for (String reserved : RESERVED) {
      if (path.startsWith(reserved)) {
        throw ApiError.badRequest("cannot mount under reserved path '" + reserved + "'");
      }
    }
    for (String other : existing) {
      if (path.startsWith(other) || other.startsWith(path)) {
        throw ApiError.badRequest("path is already in use at " + other);
      }
    }
  }
}
