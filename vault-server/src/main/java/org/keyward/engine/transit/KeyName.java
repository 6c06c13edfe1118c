package org.keyward.engine.transit;

import java.util.regex.Pattern;
import org.keyward.http.ApiError;

/** A transit key's name as it appears in paths and storage; validated so it names one entry. */
public record KeyName(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  public KeyName {
    if (value == null || !VALID.matcher(value).matches() || value.startsWith(".")) {
      throw ApiError.badRequest(
          "invalid key name: use 1-128 letters, digits, '_', '-' or '.', not starting with '.'");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
