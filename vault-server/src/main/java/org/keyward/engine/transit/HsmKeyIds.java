package org.keyward.engine.transit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names the HSM objects of {@code hsm-aes256-gcm} keys: {@code transit-<h>} where {@code h} is 128
 * bits of SHA-256 over the mount's uuid and the key name, so keys of two mounts never share an
 * object and the label fits the token's limits whatever the (128-character) key name; the custodian
 * appends {@code -v<N>} per version. Derived, not stored, so it needs no migration.
 */
final class HsmKeyIds {
  private final String mountUuid;

  HsmKeyIds(String mountUuid) {
    this.mountUuid = mountUuid;
  }

  String of(String keyName) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(mountUuid.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(keyName.getBytes(StandardCharsets.UTF_8));
      byte[] digest = sha.digest();
      return "transit-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without SHA-256", e);
    }
  }
}
