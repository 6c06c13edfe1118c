package org.keyward.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_KEY_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;

import com.google.crypto.tink.Aead;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyProvider;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.KeyWrapper;
import org.keyward.hsm.SigningAlgorithm;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;

/**
 * Keys in a PKCS#11 token, chosen by token label and logged in with the configured PIN. KEKs and
 * private keys are generated inside the token as sensitive and non-extractable and are found again
 * by label ({@code name-vN}). Survives the token going away: calls then fail with UNAVAILABLE and
 * the provider reconnects on a later call or {@link #ping()}. Thread-safe; every method blocks.
 */
public final class Pkcs11KeyProvider implements KeyProvider {
  private final TokenConnection connection;

  /** Serializes find-or-create so two callers cannot both generate the same label. */
  private final Object creation = new Object();

  private Pkcs11KeyProvider(TokenConnection connection) {
    this.connection = connection;
  }

  /**
   * Loads the library (shared with other providers of it in this JVM), finds the token by label and
   * logs in.
   *
   * @throws HsmException CONFIGURATION for a missing library or token label or unreadable PIN
   *     source, LOGIN_FAILED for a refused PIN
   */
  public static Pkcs11KeyProvider open(Pkcs11Config config) throws HsmException {
    return new Pkcs11KeyProvider(new TokenConnection(config));
  }

  @Override
  public String description() {
    return "pkcs11 token '" + connection.tokenLabel() + "'";
  }

  @Override
  public Aead kek(KeyRef ref) throws HsmException {
    requireObject(ref, CKO_SECRET_KEY);
    return new Pkcs11Aead(connection, ref.label());
  }

  @Override
  public Aead createKek(KeyRef ref) throws HsmException {
    synchronized (creation) {
      if (!exists(ref.label(), CKO_SECRET_KEY)) {
        connection.call(
            "generate",
            ref.label(),
            t -> t.generateKey(new Mechanism(CKM_AES_KEY_GEN), Pkcs11Templates.kek(ref.label())));
      }
    }
    return kek(ref);
  }

  @Override
  public Aead aesKey(KeyRef ref) throws HsmException {
    requireObject(ref, CKO_SECRET_KEY);
    return new Pkcs11Aead(connection, ref.label());
  }

  @Override
  public Aead createAesKey(KeyRef ref) throws HsmException {
    synchronized (creation) {
      if (!exists(ref.label(), CKO_SECRET_KEY)) {
        connection.call(
            "generate",
            ref.label(),
            t ->
                t.generateKey(
                    new Mechanism(CKM_AES_KEY_GEN), Pkcs11Templates.dataKey(ref.label())));
      }
    }
    return aesKey(ref);
  }

  @Override
  public KeyWrapper keyWrapper(KeyRef ref) throws HsmException {
    requireObject(ref, CKO_SECRET_KEY);
    return new Pkcs11KeyWrapper(connection, ref, ref.label());
  }

  @Override
  public CaSigner signer(KeyRef ref) throws HsmException {
    requireObject(ref, CKO_PRIVATE_KEY);
    Pkcs11PublicKeys.Loaded loaded =
        connection.call(
            "find",
            ref.label(),
            t -> Pkcs11PublicKeys.read(t, connection.handle(t, CKO_PUBLIC_KEY, ref.label())));
    return new Pkcs11Signer(connection, ref, loaded.algorithm(), loaded.key());
  }

  @Override
  public CaSigner createSigner(KeyRef ref, SigningAlgorithm algorithm) throws HsmException {
    synchronized (creation) {
      if (!exists(ref.label(), CKO_PRIVATE_KEY)) {
        long mechanism =
            algorithm == SigningAlgorithm.RSA_3072
                ? CKM_RSA_PKCS_KEY_PAIR_GEN
                : CKM_EC_KEY_PAIR_GEN;
        PKCS11KeyPair unused =
            connection.call(
                "generate",
                ref.label(),
                t ->
                    t.generateKeyPair(
                        new Mechanism(mechanism),
                        Pkcs11Templates.signingPair(ref.label(), algorithm)));
      }
    }
    CaSigner signer = signer(ref);
    if (signer.algorithm() != algorithm) {
      throw new HsmException(
          HsmException.Kind.CONFIGURATION,
          "key '" + ref.label() + "' exists as " + signer.algorithm() + ", not " + algorithm);
    }
    return signer;
  }

  @Override
  public List<Integer> versions(String name) throws HsmException {
    Pattern versioned = Pattern.compile(Pattern.quote(name) + "-v([1-9][0-9]{0,8})");
    return connection.call(
        "find",
        name,
        t -> {
          TreeSet<Integer> versions = new TreeSet<>();
          for (long handle : t.findAllObjects(new AttributeVector())) {
            String label = t.getAttrValues(handle, CKA_LABEL).label();
            Matcher m = label == null ? null : versioned.matcher(label);
            if (m != null && m.matches()) {
              versions.add(Integer.parseInt(m.group(1)));
            }
          }
          // A token whose storage went away lists nothing: fail rather than answer "no versions",
          // which would make the next KEK reuse a version.
          TokenConnection.requirePresent(t);
          return List.copyOf(versions);
        });
  }

  @Override
  public void destroy(KeyRef ref) throws HsmException {
    connection.call(
        "destroy",
        ref.label(),
        t -> {
          connection.destroyObjects(t, ref.label());
          return null;
        });
  }

  @Override
  public void ping() throws HsmException {
    connection.ping();
  }

  @Override
  public void close() {
    connection.close();
  }

  /** The connection, for tests in this package (e.g. known-answer tests on session keys). */
  TokenConnection connection() {
    return connection;
  }

  private boolean exists(String label, long objectClass) throws HsmException {
    try {
      requireObject(label, objectClass);
      return true;
    } catch (HsmException e) {
      if (e.kind() == HsmException.Kind.KEY_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private void requireObject(KeyRef ref, long objectClass) throws HsmException {
    requireObject(ref.label(), objectClass);
  }

  private void requireObject(String label, long objectClass) throws HsmException {
    connection.call("find", label, t -> connection.handle(t, objectClass, label));
  }

  @Override
  public String toString() {
    return description();
  }
}
