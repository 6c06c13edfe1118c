package org.keyward.client;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager whose one identity can be replaced while TLS connections run. Each certificate gets
 * its own alias and the previous one stays resolvable, so a handshake that chose an alias just
 * before a swap still gets the matching key and chain. Thread-safe.
 */
final class SwappingKeyManager extends X509ExtendedKeyManager {
  private record Material(String alias, PrivateKey key, X509Certificate[] chain) {}

  private final Map<String, Material> recent = new ConcurrentHashMap<>();
  private volatile Material current;

  SwappingKeyManager(IssuedCertificate first) {
    swap(first);
  }

  /** Makes {@code issued} the identity of new handshakes; keeps only the one before it too. */
  synchronized void swap(IssuedCertificate issued) {
    Material previous = current;
    Material next =
        new Material(
            "keyward-" + issued.certificate().getSerialNumber().toString(16),
            issued.privateKey(),
            issued.chain().toArray(new X509Certificate[0]));
    recent.put(next.alias, next);
    current = next;
    recent
        .keySet()
        .removeIf(a -> !a.equals(next.alias) && (previous == null || !a.equals(previous.alias)));
  }

  private String aliasFor(String keyType) {
    Material m = current;
    String algorithm = m.key.getAlgorithm();
    return keyType != null && (keyType.equals(algorithm) || keyType.startsWith(algorithm + "_"))
        ? m.alias
        : null;
  }

  private String aliasFor(String[] keyTypes) {
    if (keyTypes != null) {
      for (String type : keyTypes) {
        String alias = aliasFor(type);
        if (alias != null) {
          return alias;
        }
      }
    }
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return aliasFor(keyTypes);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyTypes);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return getClientAliases(keyType, issuers);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Material m = alias == null ? null : recent.get(alias);
    return m == null ? null : m.chain.clone();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Material m = alias == null ? null : recent.get(alias);
    return m == null ? null : m.key;
  }
}
