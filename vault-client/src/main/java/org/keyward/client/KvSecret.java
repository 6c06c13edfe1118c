package org.keyward.client;

/**
 * A KV v2 secret as read: its data (redacted in {@code toString()}; absent values, for a deleted or
 * destroyed version, read as empty data) and the version's metadata.
 */
public record KvSecret(SecretData data, KvVersion version) {}
