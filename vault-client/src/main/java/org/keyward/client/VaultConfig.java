package org.keyward.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * Where the server is and how to reach it: address, optional token, TLS trust and client
 * certificate, timeouts and retries. Read from the environment as the Vault tools do ({@link
 * #fromEnvironment()}) or built ({@link #builder()}). Immutable; the token is a {@link
 * SecretString}, so printing a config shows no secret.
 */
public final class VaultConfig {
  private final URI address;
  private final List<URI> addresses;
  private final Optional<SecretString> token;
  private final SSLContext sslContext;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final RetryPolicy retryPolicy;
  private final int maxConcurrentRequests;

  private VaultConfig(Builder b) {
    if (b.address == null) {
      throw new IllegalArgumentException("the server address (VAULT_ADDR) is required");
    }
    this.address = b.address;
    this.addresses = b.addresses;
    this.token = Optional.ofNullable(b.token);
    this.sslContext =
        b.sslContext != null
            ? b.sslContext
            : TlsContexts.context(
                b.clientKey == null ? null : TlsContexts.keyManagers(b.clientKey, b.clientChain),
                TlsContexts.trustManagers(b.trusted));
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.retryPolicy = b.retryPolicy;
    this.maxConcurrentRequests = b.maxConcurrentRequests;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** From {@code VAULT_ADDR}, {@code VAULT_TOKEN}, {@code VAULT_CACERT}, client cert and key. */
  public static VaultConfig fromEnvironment() {
    return fromEnvironment(System.getenv()).build();
  }

  /**
   * A builder preset from {@code env}: {@code VAULT_ADDR} (default {@code https://127.0.0.1:8200}),
   * {@code VAULT_TOKEN}, {@code VAULT_CACERT} (PEM file of trusted CAs), {@code VAULT_CLIENT_CERT}
   * and {@code VAULT_CLIENT_KEY} (PEM files; the key PKCS#8). Settings may be overridden after.
   */
  public static Builder fromEnvironment(Map<String, String> env) {
    Builder b = builder().address(env.getOrDefault("VAULT_ADDR", "https://127.0.0.1:8200"));
    String token = env.get("VAULT_TOKEN");
    if (token != null && !token.isBlank()) {
      b.token(SecretString.of(token.strip()));
    }
    String ca = env.get("VAULT_CACERT");
    if (ca != null && !ca.isBlank()) {
      b.caCertificate(Path.of(ca));
    }
    String cert = env.get("VAULT_CLIENT_CERT");
    String key = env.get("VAULT_CLIENT_KEY");
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("VAULT_CLIENT_CERT and VAULT_CLIENT_KEY go together");
    }
    if (cert != null) {
      b.clientCertificate(Path.of(cert), Path.of(key));
    }
    return b;
  }

  public URI address() {
    return address;
  }

  /**
   * Every address given (an HA cluster's nodes), the first being {@link #address()}. Calls go to
   * one of them and move to the next when it does not answer; idempotent calls are retried there.
   */
  public List<URI> addresses() {
    return addresses;
  }

  public Optional<SecretString> token() {
    return token;
  }

  public SSLContext sslContext() {
    return sslContext;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** How many requests one client has on the wire at once (default 64). */
  public int maxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  @Override
  public String toString() {
    return "VaultConfig[" + address + ", token " + (token.isPresent() ? "set" : "unset") + "]";
  }

  /** Collects the settings; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private URI address;
    private List<URI> addresses = List.of();
    private SecretString token;
    private SSLContext sslContext;
    private List<X509Certificate> trusted = List.of();
    private PrivateKey clientKey;
    private List<X509Certificate> clientChain;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private int maxConcurrentRequests = 64;

    private Builder() {}

    /** One address, or several separated by commas (the nodes of an HA cluster). */
    public Builder address(String address) {
      List<URI> all = new java.util.ArrayList<>();
      for (String part : address.split(",")) {
        String a = part.trim();
        if (!a.isEmpty()) {
          all.add(checked(URI.create(a.endsWith("/") ? a : a + "/")));
        }
      }
      if (all.isEmpty()) {
        throw new IllegalArgumentException("address must be http(s)://host:port");
      }
      return addresses(all);
    }

    public Builder address(URI address) {
      return addresses(List.of(address));
    }

    /** Several addresses (an HA cluster's nodes): the first is tried first. */
    public Builder addresses(List<URI> addresses) {
      List<URI> all = new java.util.ArrayList<>();
      for (URI a : addresses) {
        all.add(checked(a));
      }
      if (all.isEmpty()) {
        throw new IllegalArgumentException("at least one address is required");
      }
      this.addresses = List.copyOf(all);
      this.address = all.get(0);
      return this;
    }

    private static URI checked(URI address) {
      String scheme = address.getScheme();
      if (!"https".equals(scheme) && !"http".equals(scheme)) {
        throw new IllegalArgumentException("address must be http(s)://host:port");
      }
      String s = address.toString();
      return URI.create(s.endsWith("/") ? s : s + "/");
    }

    public Builder token(SecretString token) {
      this.token = token;
      return this;
    }

    /** Trust exactly the CA certificates in this PEM file (else the JDK's default CAs). */
    public Builder caCertificate(Path pemFile) {
      return trust(Pem.certificates(read(pemFile)));
    }

    /** Trust exactly these CA certificates. */
    public Builder trust(List<X509Certificate> anchors) {
      this.trusted = List.copyOf(anchors);
      return this;
    }

    /** Present this client certificate (chain) and PKCS#8 key for mTLS and cert login. */
    public Builder clientCertificate(Path certPem, Path keyPem) {
      return clientCertificate(Pem.privateKey(read(keyPem)), Pem.certificates(read(certPem)));
    }

    public Builder clientCertificate(PrivateKey key, List<X509Certificate> chain) {
      this.clientKey = key;
      this.clientChain = List.copyOf(chain);
      return this;
    }

    /** Use this TLS context as is (trust and client keys), ignoring the settings above. */
    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    /** Use these key managers (e.g. a renewing TLS identity's) with the trust set above. */
    public Builder keyManagers(KeyManager[] keyManagers) {
      this.sslContext = TlsContexts.context(keyManagers, TlsContexts.trustManagers(trusted));
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout);
      return this;
    }

    /** The limit for one attempt of one request, answer included. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout);
      return this;
    }

    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = policy;
      return this;
    }

    /** Caps the requests on the wire at once; more wait their turn (default 64). */
    public Builder maxConcurrentRequests(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
      }
      this.maxConcurrentRequests = max;
      return this;
    }

    public VaultConfig build() {
      return new VaultConfig(this);
    }

    private static Duration positive(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
      return d;
    }

    private static String read(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
  }
}
