package org.keyward.client;

import java.lang.System.Logger.Level;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that first lets the JDK's PKIX trust manager judge a peer's chain, then refuses a
 * peer whose certificate is on the PKI mount's CRL ({@link KeywardCrlCache}); with no usable CRL,
 * {@link PeerRevocation} decides (fail-closed refuses). The CRL may be fetched during the
 * handshake, at most once per {@code maxAge}, waiting up to 5 seconds.
 */
final class RevocationCheckingTrustManager extends X509ExtendedTrustManager {
  private static final System.Logger LOG =
      System.getLogger(RevocationCheckingTrustManager.class.getName());

  private final X509ExtendedTrustManager chainCheck;
  private final KeywardCrlCache crl;
  private final boolean failOpen;

  RevocationCheckingTrustManager(
      X509ExtendedTrustManager chainCheck, KeywardCrlCache crl, boolean failOpen) {
    this.chainCheck = chainCheck;
    this.crl = crl;
    this.failOpen = failOpen;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    chainCheck.checkClientTrusted(chain, authType, socket);
    notRevoked(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    chainCheck.checkServerTrusted(chain, authType, socket);
    notRevoked(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    chainCheck.checkClientTrusted(chain, authType, engine);
    notRevoked(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    chainCheck.checkServerTrusted(chain, authType, engine);
    notRevoked(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    chainCheck.checkClientTrusted(chain, authType);
    notRevoked(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    chainCheck.checkServerTrusted(chain, authType);
    notRevoked(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return chainCheck.getAcceptedIssuers();
  }

  void notRevoked(X509Certificate[] chain) throws CertificateException {
    X509Certificate leaf = chain[0];
    Optional<X509CRL> list = crl.usable();
    if (list.isEmpty()) {
      if (failOpen) {
        LOG.log(
            Level.WARNING,
            "no usable CRL from Keyward: peer serial "
                + leaf.getSerialNumber().toString(16)
                + " accepted unchecked (fail-open)");
        return;
      }
      throw new CertificateException("peer revocation cannot be checked: no usable CRL");
    }
    X509CRL current = list.get();
    if (current.getIssuerX500Principal().equals(leaf.getIssuerX500Principal())
        && current.getRevokedCertificate(leaf.getSerialNumber()) != null) {
      throw new CertificateException(
          "peer certificate serial " + leaf.getSerialNumber().toString(16) + " is revoked");
    }
  }
}
