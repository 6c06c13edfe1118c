package org.keyward.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.*;

import com.google.crypto.tink.Aead;
import java.nio.ByteBuffer;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.HsmCallListener;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.SigningAlgorithm;
import org.keyward.hsm.testing.SoftHsmToken;

class Pkcs11ConcurrencyIT {
  private static final int THREADS = 8;
  private static final int ROUNDS = 40;

  @Test
  void encryptDecryptSign_from8Threads_allResultsCorrect() throws Exception {
    ConcurrentHashMap<String, LongAdder> calls = new ConcurrentHashMap<>();
    HsmCallListener counting =
        (op, nanos, ok) -> calls.computeIfAbsent(op + ":" + ok, k -> new LongAdder()).increment();
    try (Pkcs11KeyProvider provider = SoftHsmToken.create().open(4, counting)) {
      Aead kek = provider.createKek(new KeyRef("kek", 1));
      CaSigner signer = provider.createSigner(new KeyRef("ca", 1), SigningAlgorithm.EC_P256);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Callable<Integer>> work = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
          int worker = w;
          work.add(
              () -> {
                Signature verifier = Signature.getInstance("SHA256withECDSA");
                for (int i = 0; i < ROUNDS; i++) {
                  byte[] msg = ByteBuffer.allocate(8).putInt(worker).putInt(i).array();
                  byte[] aad = ByteBuffer.allocate(4).putInt(i).array();
                  assertArrayEquals(msg, kek.decrypt(kek.encrypt(msg, aad), aad));
                  verifier.initVerify(signer.publicKey());
                  verifier.update(msg);
                  assertTrue(verifier.verify(signer.sign(msg)));
                }
                return ROUNDS;
              });
        }
        int done = 0;
        for (Future<Integer> f : pool.invokeAll(work)) {
          done += f.get();
        }
        assertEquals(THREADS * ROUNDS, done);
        // Every PKCS#11 call reached the listener, from every thread.
        assertEquals(THREADS * ROUNDS, calls.get("encrypt:true").sum());
        assertEquals(THREADS * ROUNDS, calls.get("decrypt:true").sum());
        assertEquals(THREADS * ROUNDS, calls.get("sign:true").sum());
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
