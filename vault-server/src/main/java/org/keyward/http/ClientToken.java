package org.keyward.http;

/**
 * The token a client sent, as a type that never prints it. Plaintext leaves only through {@link
 * #reveal()}.
 */
public final class ClientToken {
  private final String value;

  public ClientToken(String value) {
    if (value == null || value.isEmpty() || value.length() > 512) {
      throw ApiError.permissionDenied();
    }
    this.value = value;
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "ClientToken[REDACTED]";
  }
}
