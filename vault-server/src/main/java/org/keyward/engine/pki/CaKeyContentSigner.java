package org.keyward.engine.pki;

import io.vertx.core.Context;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.keyward.http.ApiError;

/**
 * A Bouncy Castle {@link ContentSigner} whose signature comes from a {@link CaKey} in custody: it
 * buffers the to-be-signed bytes and, in {@link #getSignature()}, waits for custody's answer.
 * Bouncy Castle's builders are synchronous, so this waits: use it only on a worker thread, never an
 * event loop (it refuses one). Single use, not thread-safe.
 */
final class CaKeyContentSigner implements ContentSigner {
  private static final long SIGN_TIMEOUT_SECONDS = 30;

  private final CaKey key;
  private final AlgorithmIdentifier algorithm;
  private final ByteArrayOutputStream tbs = new ByteArrayOutputStream();

  CaKeyContentSigner(CaKey key) {
    this.key = key;
    this.algorithm =
        new DefaultSignatureAlgorithmIdentifierFinder().find(key.type().jcaSignatureAlgorithm());
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return algorithm;
  }

  @Override
  public OutputStream getOutputStream() {
    return tbs;
  }

  @Override
  public byte[] getSignature() {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("CA signatures must not be awaited on an event loop");
    }
    try {
      return key.sign(tbs.toByteArray())
          .toCompletionStage()
          .toCompletableFuture()
          .get(SIGN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      // Keep custody's own error (an ApiError such as 503) so the client sees it unchanged.
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new RuntimeOperatorException("CA key '" + key.name() + "' failed to sign", e);
    } catch (TimeoutException e) {
      // A stuck HSM is an outage, not a server bug: answer 503 so clients retry.
      throw ApiError.unavailable("the CA key did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeOperatorException("interrupted waiting for a CA signature", e);
    }
  }
}
