package org.keyward.client;

/** A transit signature ({@code vault:v<n>:<base64>}), opaque; pass it back to verify. */
public record TransitSignature(String value) {
  public TransitSignature {
    if (value == null || !value.startsWith("vault:v")) {
      throw new IllegalArgumentException("not a transit signature (vault:v<n>:...)");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
