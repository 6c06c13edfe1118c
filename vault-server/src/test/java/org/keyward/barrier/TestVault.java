package org.keyward.barrier;

import static org.keyward.testing.Futures.await;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.keyward.http.ApiError;
import org.keyward.http.ErrorHandler;
import org.keyward.server.BarrierErrorTranslator;
import org.keyward.storage.InMemoryStorage;

/**
 * One barrier stack over shared storage and a shared fake token, wired as the server wires it.
 * Building a second one over the same storage is a restart (or a crash, if the first never sealed).
 */
final class TestVault implements AutoCloseable {
  final InMemoryStorage storage;
  final InsecureTinkKeyProvider provider;
  final Barrier barrier;
  final HsmGateway hsm;
  final VaultSeal seal;
  final Reencryptor reencryptor;
  final KeyringAdmin admin;
  private final CountDownLatch unsealed = new CountDownLatch(1);

  TestVault(
      Vertx vertx,
      InMemoryStorage storage,
      InsecureTinkKeyProvider provider,
      BarrierLimits limits) {
    this.storage = storage;
    this.provider = provider;
    this.barrier = new Barrier(storage, limits);
    this.hsm = new HsmGateway(vertx, provider, 2, Duration.ofMillis(20));
    this.seal =
        new VaultSeal(
            vertx,
            storage,
            hsm,
            barrier,
            Clock.systemUTC(),
            Duration.ofMillis(10),
            Duration.ofMillis(200));
    this.reencryptor = new Reencryptor(storage, barrier, Clock.systemUTC(), 3);
    this.admin = new KeyringAdmin(seal, reencryptor, Clock.systemUTC());
    seal.addListener(reencryptor);
    seal.addListener(
        new SealControl.Listener() {
          @Override
          public void unsealed() {
            unsealed.countDown();
          }
        });
  }

  static TestVault initialized(Vertx vertx) {
    TestVault v =
        new TestVault(
            vertx, new InMemoryStorage(), new InsecureTinkKeyProvider(), BarrierLimits.DEFAULT);
    await(v.seal.start());
    await(v.seal.initialize());
    return v;
  }

  /** The same storage and token, a fresh process: as after a restart or kill -9. */
  TestVault restart(Vertx vertx) {
    TestVault v = new TestVault(vertx, storage, provider, BarrierLimits.DEFAULT);
    await(v.seal.start());
    return v;
  }

  void awaitUnsealed() throws InterruptedException {
    if (!unsealed.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("not unsealed within 10 s");
    }
  }

  /** What a client would see for {@code failure}: mapped as the HTTP edge maps it. */
  static ApiError publicError(Throwable failure) {
    return new ErrorHandler(BarrierErrorTranslator.INSTANCE).toApiError("test", failure);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    seal.close();
    hsm.close();
  }
}
