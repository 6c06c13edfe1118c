package org.keyward.ha;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.keyward.http.RequestPipeline;

/**
 * Believes the forwarded client identity ({@link ForwardedHeaders}) only from another node: the TLS
 * peer of the connection must present a certificate that chains to the cluster's node CA and is a
 * server certificate (extended key usage serverAuth), as every node's listener certificate is and a
 * client's login certificate is not. From anyone else the headers are removed and the request keeps
 * its own connection's identity, so a client cannot claim someone else's certificate.
 */
public final class NodeForwardedIdentity implements Handler<RoutingContext> {
  private static final System.Logger LOG = System.getLogger(NodeForwardedIdentity.class.getName());
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  private final Set<TrustAnchor> nodeCas;

  /**
   * @param nodeCas the CA certificates that issue node (listener) certificates
   */
  public NodeForwardedIdentity(List<X509Certificate> nodeCas) {
    this.nodeCas =
        nodeCas.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String chain = request.getHeader(ForwardedHeaders.CLIENT_CERT);
    String address = request.getHeader(ForwardedHeaders.CLIENT_ADDRESS);
    if (chain != null || address != null) {
      request.headers().remove(ForwardedHeaders.CLIENT_CERT);
      request.headers().remove(ForwardedHeaders.CLIENT_ADDRESS);
      if (fromNode(request)) {
        List<X509Certificate> decoded = chain == null ? List.of() : ForwardedHeaders.decode(chain);
        ctx.put(RequestPipeline.FORWARDED_PEER_CHAIN_KEY, decoded == null ? List.of() : decoded);
        if (address != null) {
          ctx.put(RequestPipeline.FORWARDED_REMOTE_ADDRESS_KEY, address);
        }
      } else {
        LOG.log(Level.WARNING, "ignored forwarded-identity headers from a client that is no node");
      }
    }
    ctx.next();
  }

  private boolean isAnchor(X509Certificate c) {
    return nodeCas.stream().anyMatch(a -> a.getTrustedCert().equals(c));
  }

  private boolean fromNode(HttpServerRequest request) {
    if (!request.isSSL() || nodeCas.isEmpty()) {
      return false;
    }
    List<X509Certificate> peer = new ArrayList<>();
    try {
      for (Certificate c : request.connection().peerCertificates()) {
        if (c instanceof X509Certificate x && !isAnchor(x)) {
          peer.add(x);
        }
      }
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
    if (peer.isEmpty()) {
      return false;
    }
    try {
      List<String> usages = peer.get(0).getExtendedKeyUsage();
      if (usages == null || !usages.contains(SERVER_AUTH)) {
        return false;
      }
      CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(peer);
      PKIXParameters params = new PKIXParameters(nodeCas);
      params.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX").validate(path, params);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
