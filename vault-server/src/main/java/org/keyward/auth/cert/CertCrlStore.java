package org.keyward.auth.cert;

import io.vertx.core.Future;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;
import org.keyward.http.ApiError;
import org.keyward.view.StorageView;

/**
 * Vault's {@code crls/<name>} of a cert mount: CRLs of outside CAs, uploaded as PEM, under {@code
 * crls/<name>} in the mount's view. A login is refused when any stored CRL from the leaf's issuer
 * (same issuer name) lists the leaf's serial. Parsed CRLs are kept in memory by content hash, so a
 * login reads the stored bytes but parses a CRL only once.
 */
final class CertCrlStore {
  private static final int MAX_PEM_CHARS = 4 * 1024 * 1024;

  private final StorageView view;
  private final Map<String, ParsedCrl> parsed = new ConcurrentHashMap<>();

  /** What a login needs of one CRL: its issuer and the serials it lists. */
  record ParsedCrl(X500Principal issuer, Set<BigInteger> serials, int entries) {}

  CertCrlStore(StorageView view) {
    this.view = view;
  }

  /**
   * Parses {@code pem} (400 if it is not one PEM or DER CRL), then stores it under {@code name}.
   */
  Future<ParsedCrl> put(String name, String pem) {
    ParsedCrl crl = parse(pem.getBytes(StandardCharsets.US_ASCII));
    return view.put(key(name), pem.getBytes(StandardCharsets.US_ASCII)).map(v -> crl);
  }

  Future<Optional<ParsedCrl>> get(String name) {
    return view.get(key(name)).map(o -> o.map(this::cached));
  }

  Future<Void> delete(String name) {
    return view.delete(key(name));
  }

  Future<List<String>> names() {
    return view.list("crls/").map(keys -> keys.stream().filter(k -> !k.endsWith("/")).toList());
  }

  /** Whether any stored CRL from {@code leaf}'s issuer lists {@code leaf}. */
  Future<Boolean> lists(X509Certificate leaf) {
    return names()
        .compose(
            names -> {
              List<Future<Optional<ParsedCrl>>> reads = new ArrayList<>();
              names.forEach(n -> reads.add(get(n)));
              return Future.all(reads)
                  .map(
                      all ->
                          reads.stream()
                              .map(Future::result)
                              .flatMap(Optional::stream)
                              .anyMatch(
                                  crl ->
                                      crl.issuer().equals(leaf.getIssuerX500Principal())
                                          && crl.serials().contains(leaf.getSerialNumber())));
            });
  }

  private ParsedCrl cached(byte[] stored) {
    return parsed.computeIfAbsent(hash(stored), h -> parse(stored));
  }

  static ParsedCrl parse(byte[] pemOrDer) {
    if (pemOrDer.length == 0 || pemOrDer.length > MAX_PEM_CHARS) {
      throw ApiError.badRequest("field 'crl' must hold one PEM CRL");
    }
    try {
      X509CRL crl =
          (X509CRL)
              CertificateFactory.getInstance("X.509")
                  .generateCRL(new ByteArrayInputStream(pemOrDer));
      Set<BigInteger> serials = new HashSet<>();
      Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
      if (entries != null) {
        entries.forEach(e -> serials.add(e.getSerialNumber()));
      }
      return new ParsedCrl(crl.getIssuerX500Principal(), Set.copyOf(serials), serials.size());
    } catch (CRLException | CertificateException | RuntimeException e) {
      throw ApiError.badRequest("field 'crl' is not a PEM or DER X.509 CRL");
    }
  }

  private static String hash(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }

  private static String key(String name) {
    return "crls/" + name;
  }
}
