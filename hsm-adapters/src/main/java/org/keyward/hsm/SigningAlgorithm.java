package org.keyward.hsm;

/** Key types the HSM makes for signing (CA and audit keys), each with its JCA signature name. */
public enum SigningAlgorithm {
  EC_P256("SHA256withECDSA"),
  EC_P384("SHA384withECDSA"),
  RSA_3072("SHA256withRSA");

  private final String jcaName;

  SigningAlgorithm(String jcaName) {
    this.jcaName = jcaName;
  }

  /** The JCA name of the signature the signer produces, e.g. {@code SHA256withECDSA}. */
  public String jcaName() {
    return jcaName;
  }
}
