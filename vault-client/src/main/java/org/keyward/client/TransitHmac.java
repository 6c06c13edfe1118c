package org.keyward.client;

/** A transit HMAC ({@code vault:v<n>:<base64>}), opaque; pass it back to verify. */
public record TransitHmac(String value) {
  public TransitHmac {
    if (value == null || !value.startsWith("vault:v")) {
      throw new IllegalArgumentException("not a transit HMAC (vault:v<n>:...)");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
