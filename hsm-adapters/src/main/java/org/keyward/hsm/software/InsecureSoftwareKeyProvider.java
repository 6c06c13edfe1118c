package org.keyward.hsm.software;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.HsmException.Kind;
import org.keyward.hsm.KeyProvider;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.KeyWrapper;
import org.keyward.hsm.SigningAlgorithm;

/**
 * DEVELOPMENT ONLY: keys in plain files in a directory, with no HSM. Anyone who can read the
 * directory has every key. It exists so a developer can run Keyward without SoftHSM; it is never a
 * fallback when a token is missing. Creating one requires {@code allowInsecure = true} and logs a
 * warning every time. Same semantics as the PKCS#11 provider: find-or-create by {@code name-vN},
 * versions, destroy, INTEGRITY on a failed decrypt or unwrap. Thread-safe; blocks on file I/O.
 */
public final class InsecureSoftwareKeyProvider implements KeyProvider {
  private static final System.Logger LOG =
      System.getLogger(InsecureSoftwareKeyProvider.class.getName());

  private final InsecureKeyFiles files;
  private final Object creation = new Object();

  private InsecureSoftwareKeyProvider(InsecureKeyFiles files) {
    this.files = files;
  }

  /**
   * Opens the key directory, creating it (mode 0700) if missing.
   *
   * @param allowInsecure must be true: the explicit opt-in to keys in plain files
   * @throws HsmException CONFIGURATION without the opt-in or when the directory cannot be made
   */
  public static InsecureSoftwareKeyProvider open(Path directory, boolean allowInsecure)
      throws HsmException {
    if (!allowInsecure) {
      throw new HsmException(
          Kind.CONFIGURATION,
          "the insecure software key provider keeps keys in plain files and is for development"
              + " only; set allowInsecure=true to use it, or configure a PKCS#11 token");
    }
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new HsmException(Kind.CONFIGURATION, "cannot register Tink AEAD", e);
    }
    InsecureKeyFiles files = new InsecureKeyFiles(directory.toAbsolutePath());
    LOG.log(
        System.Logger.Level.WARNING,
        "INSECURE: keys are kept in plain files under "
            + files.directory()
            + "; anyone who can read them has every secret. Development only.");
    return new InsecureSoftwareKeyProvider(files);
  }

  @Override
  public String description() {
    return "insecure software keys in " + files.directory();
  }

  @Override
  public Aead kek(KeyRef ref) throws HsmException {
    KeysetHandle handle =
        keyset(ref); // outside the try: HsmException is a GeneralSecurityException
    try {
      return new SoftwareAead(
          ref.label(), handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
    } catch (GeneralSecurityException e) {
      throw new HsmException(Kind.FAILED, "key '" + ref.label() + "' is not an AEAD key", e);
    }
  }

  @Override
  public Aead createKek(KeyRef ref) throws HsmException {
    synchronized (creation) {
      if (files.read(ref.label(), InsecureKeyFiles.KEK).isEmpty()) {
        String json;
        try {
          KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
          json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
          throw new HsmException(Kind.FAILED, "generate failed, key '" + ref.label() + "'", e);
        }
        files.create(ref.label(), InsecureKeyFiles.KEK, json);
      }
    }
    return kek(ref);
  }

  /** A software AES-256-GCM key stored like a KEK (development only, like every key here). */
  @Override
  public Aead aesKey(KeyRef ref) throws HsmException {
    return kek(ref);
  }

  @Override
  public Aead createAesKey(KeyRef ref) throws HsmException {
    return createKek(ref);
  }

  @Override
  public KeyWrapper keyWrapper(KeyRef ref) throws HsmException {
    AesGcmKey key = (AesGcmKey) keyset(ref).getPrimary().getKey();
    return new SoftwareKeyWrapper(
        ref, key.getKeyBytes().toByteArray(InsecureSecretKeyAccess.get()));
  }

  @Override
  public CaSigner signer(KeyRef ref) throws HsmException {
    Optional<String> stored = files.read(ref.label(), InsecureKeyFiles.SIGNING);
    if (stored.isEmpty()) {
      throw notFound(ref);
    }
    return SoftwareSigner.parse(ref, stored.get());
  }

  @Override
  public CaSigner createSigner(KeyRef ref, SigningAlgorithm algorithm) throws HsmException {
    synchronized (creation) {
      if (files.read(ref.label(), InsecureKeyFiles.SIGNING).isEmpty()) {
        files.create(
            ref.label(), InsecureKeyFiles.SIGNING, SoftwareSigner.generate(ref, algorithm));
      }
    }
    CaSigner signer = signer(ref);
    if (signer.algorithm() != algorithm) {
      throw new HsmException(
          Kind.CONFIGURATION,
          "key '" + ref.label() + "' exists as " + signer.algorithm() + ", not " + algorithm);
    }
    return signer;
  }

  @Override
  public List<Integer> versions(String name) throws HsmException {
    Pattern versioned = Pattern.compile(Pattern.quote(name) + "-v([1-9][0-9]{0,8})");
    TreeSet<Integer> versions = new TreeSet<>();
    for (String label : files.labels()) {
      Matcher m = versioned.matcher(label);
      if (m.matches()) {
        versions.add(Integer.parseInt(m.group(1)));
      }
    }
    return List.copyOf(versions);
  }

  @Override
  public void destroy(KeyRef ref) throws HsmException {
    files.delete(ref.label());
  }

  @Override
  public void ping() throws HsmException {
    if (!Files.isDirectory(files.directory())) {
      throw new HsmException(Kind.UNAVAILABLE, "key directory " + files.directory() + " is gone");
    }
  }

  @Override
  public void close() {}

  private KeysetHandle keyset(KeyRef ref) throws HsmException {
    String json = files.read(ref.label(), InsecureKeyFiles.KEK).orElseThrow(() -> notFound(ref));
    try {
      return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new HsmException(Kind.FAILED, "key file of '" + ref.label() + "' is unreadable", e);
    }
  }

  private HsmException notFound(KeyRef ref) {
    return new HsmException(
        Kind.KEY_NOT_FOUND, "no key '" + ref.label() + "' in " + files.directory());
  }

  @Override
  public String toString() {
    return description();
  }
}
