package org.keyward.auth.cert;

import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * How a certificate login's token names the certificate it was obtained with: the token metadata
 * entries (serial number and authority key id, as {@code auth/cert/login} writes them) that pick
 * out exactly the tokens of one certificate, so revoking that certificate can revoke them.
 */
public final class CertLoginTokens {
  private CertLoginTokens() {}

  /** The metadata entries every token obtained with {@code certificate} carries. */
  public static Map<String, String> metadataOf(X509Certificate certificate) {
    Map<String, String> all = LeafIdentity.metadata("", certificate);
    return Map.of(
        "serial_number", all.get("serial_number"),
        "authority_key_id", all.get("authority_key_id"));
  }
}
