package org.keyward.policy;

import java.util.Locale;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;

/**
 * A policy name in canonical form: trimmed and lower case, made once at input so that every later
 * check (reserved names included) sees the same spelling. Vault's CVE-2025-5999 came from
 * normalising after the {@code root} check; here nothing can hold a non-canonical name.
 */
public record PolicyName(String value) {
  // Before the constants below: they are validated against it as the class initialises.
  private static final Pattern VALID = Pattern.compile("[a-z0-9_.-]{1,128}");

  public static final PolicyName ROOT = new PolicyName("root");
  public static final PolicyName DEFAULT = new PolicyName("default");

  public PolicyName {
    if (value == null || !VALID.matcher(value).matches()) {
      throw ApiError.badRequest(
          "invalid policy name: use 1 to 128 characters from a-z, 0-9, '_', '.', '-'");
    }
  }

  /** Trims and lower-cases {@code raw}, then validates it; 400 if it is empty or invalid. */
  public static PolicyName canonical(String raw) {
    String trimmed = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    if (trimmed.isEmpty()) {
      throw ApiError.badRequest("policy name must be provided in the URL");
    }
    return new PolicyName(trimmed);
  }

  public boolean isRoot() {
    return equals(ROOT);
  }

  public boolean isDefault() {
    return equals(DEFAULT);
  }

  @Override
  public String toString() {
    return value;
  }
}
