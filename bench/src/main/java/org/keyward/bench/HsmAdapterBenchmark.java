package org.keyward.bench;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_GCM;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED;

import com.google.crypto.tink.Aead;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.SigningAlgorithm;
import org.keyward.hsm.pkcs11.PinSource;
import org.keyward.hsm.pkcs11.Pkcs11Config;
import org.keyward.hsm.pkcs11.Pkcs11KeyProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.PKCS11Token;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.params.GCM_PARAMS;

/**
 * The adapter's cost over plain ipkcs11wrapper calls, on the same token and keys in one run:
 * AES-GCM encrypt of 32 bytes under the token KEK (random 12-byte IV each call) and ECDSA P-256
 * sign (SHA-256 in Java, raw CKM_ECDSA, DER via Bouncy Castle). The direct variants do the same
 * work without the adapter's handle cache, listener, error translation and reconnect check; {@code
 * directGcmEncrypt32} on the token object itself, {@code directGcmEncrypt32SessionCopy} on a
 * session-object copy of it, as the adapter does (SoftHSM re-reads a token object's files on every
 * use).
 *
 * <p>Reads the token from {@code KEYWARD_BENCH_TOKEN} and {@code KEYWARD_BENCH_PIN_FILE}, the
 * library from {@code KEYWARD_BENCH_LIBRARY}; bench/hsm.sh sets them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HsmAdapterBenchmark {
  private static final int SESSIONS = 4;

  private final SecureRandom random = new SecureRandom();
  private final byte[] plaintext = new byte[32];
  private final byte[] message = "tbsCertificate of a typical leaf".getBytes();

  private Pkcs11KeyProvider provider;
  private Aead adapterKek;
  private CaSigner adapterSigner;
  private PKCS11Token direct;
  private long directKek;
  private long directCaKey;
  private long directKekSessionCopy;

  @Setup(Level.Trial)
  public void open() throws Exception {
    Path library = Path.of(env("KEYWARD_BENCH_LIBRARY"));
    String label = env("KEYWARD_BENCH_TOKEN");
    PinSource pin = PinSource.file(Path.of(env("KEYWARD_BENCH_PIN_FILE")));
    provider = Pkcs11KeyProvider.open(new Pkcs11Config(library, label, pin).withSessions(SESSIONS));
    adapterKek = provider.createKek(new KeyRef("bench-kek", 1));
    adapterSigner = provider.createSigner(new KeyRef("bench-ca", 1), SigningAlgorithm.EC_P256);

    // A second, independent handle on the same (already initialized) module and token.
    PKCS11Module module = PKCS11Module.getInstance(library.toString());
    try {
      module.initialize();
    } catch (PKCS11Exception e) {
      if (e.getErrorCode() != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        throw e;
      }
    }
    Slot slot =
        Arrays.stream(module.getSlotList(true))
            .filter(s -> label.equals(tokenLabel(s)))
            .findFirst()
            .orElseThrow();
    char[] pinChars = pin.read();
    direct = new PKCS11Token(slot.getToken(), false, pinChars, SESSIONS);
    directKek =
        direct
            .findObjects(new AttributeVector().class_(CKO_SECRET_KEY).label("bench-kek-v1"), 1)[0];
    directCaKey =
        direct
            .findObjects(new AttributeVector().class_(CKO_PRIVATE_KEY).label("bench-ca-v1"), 1)[0];
    // What the adapter does since SessionKeyCopies, without it: a session-object copy.
    directKekSessionCopy =
        direct.copyObject(
            directKek, new AttributeVector().token(false).label("bench-kek-v1.direct-copy"));
  }

  @TearDown(Level.Trial)
  public void close() {
    direct.closeAllSessions();
    provider.close();
  }

  @Benchmark
  public byte[] adapterGcmEncrypt32() throws Exception {
    return adapterKek.encrypt(plaintext, null);
  }

  @Benchmark
  public byte[] directGcmEncrypt32() throws Exception {
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    byte[] sealed =
        direct.encrypt(
            new Mechanism(CKM_AES_GCM, new GCM_PARAMS(iv, new byte[0], 128)), directKek, plaintext);
    byte[] out = new byte[12 + sealed.length];
    System.arraycopy(iv, 0, out, 0, 12);
    System.arraycopy(sealed, 0, out, 12, sealed.length);
    return out;
  }

  @Benchmark
  public byte[] directGcmEncrypt32SessionCopy() throws Exception {
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    return direct.encrypt(
        new Mechanism(CKM_AES_GCM, new GCM_PARAMS(iv, new byte[0], 128)),
        directKekSessionCopy,
        plaintext);
  }

  @Benchmark
  public byte[] adapterEcdsaP256Sign() throws Exception {
    return adapterSigner.sign(message);
  }

  @Benchmark
  public byte[] directEcdsaP256Sign() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
    byte[] raw = direct.sign(new Mechanism(CKM_ECDSA), directCaKey, digest);
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64));
    return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)})
        .getEncoded();
  }

  private static String tokenLabel(Slot slot) {
    try {
      return slot.getToken().getTokenInfo().getLabel().trim();
    } catch (PKCS11Exception e) {
      return "";
    }
  }

  private static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set; run bench/hsm.sh");
    }
    return value;
  }
}
