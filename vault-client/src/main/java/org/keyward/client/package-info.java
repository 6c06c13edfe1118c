/**
 * The Keyward client SDK: a thin client for any Vault-compatible server over the JDK {@link
 * java.net.http.HttpClient}, with Jackson for JSON and nothing else.
 *
 * <p>{@link org.keyward.client.AsyncVaultClient} returns {@link
 * java.util.concurrent.CompletableFuture}s; {@link org.keyward.client.VaultClient} is the blocking
 * facade over it. Configuration comes from {@code VAULT_*} variables or a builder ({@link
 * org.keyward.client.VaultConfig}); every failure is a {@link org.keyward.client.VaultException}
 * with the HTTP status, the server's messages and the request id. Secrets are typed ({@link
 * org.keyward.client.SecretString}, {@link org.keyward.client.SecretBytes}, {@link
 * org.keyward.client.SecretData}) and redacted when printed.
 */
package org.keyward.client;
