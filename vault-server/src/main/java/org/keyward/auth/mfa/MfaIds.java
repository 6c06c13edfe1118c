package org.keyward.auth.mfa;

import java.util.regex.Pattern;

/** The shape of the ids we hand out (UUIDs), checked before an id becomes part of a storage key. */
final class MfaIds {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private MfaIds() {}

  static boolean valid(String id) {
    return id != null && UUID.matcher(id).matches();
  }
}
