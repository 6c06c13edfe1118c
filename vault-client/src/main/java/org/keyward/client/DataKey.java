package org.keyward.client;

import java.util.Optional;

/**
 * A fresh data key from transit: its wrapped form (store it next to the data it encrypts) and, if
 * asked for, the plaintext key (use it, then drop it). Redacted in {@code toString()}.
 */
public record DataKey(Optional<SecretBytes> plaintext, Ciphertext wrapped) {}
