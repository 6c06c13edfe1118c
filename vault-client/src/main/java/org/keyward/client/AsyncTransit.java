package org.keyward.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The transit engine at one mount: encryption as a service. Plaintexts go in and come out as {@link
 * SecretBytes}, ciphertexts as opaque {@link Ciphertext}. Encrypt, decrypt, rewrap, sign, verify
 * and HMAC change nothing stored, so they are retried; key rotation is not. A batch with a failed
 * item fails as a whole with the items' messages.
 */
public final class AsyncTransit {
  private final HttpTransport transport;
  private final String mount;

  AsyncTransit(HttpTransport transport, String mount) {
    this.transport = transport;
    this.mount = AsyncKv.trim(mount);
  }

  /** Creates key {@code name} of {@code type} (e.g. {@code aes256-gcm96}, {@code ecdsa-p256}). */
  public CompletableFuture<Void> createKey(String name, String type) {
    ObjectNode body = transport.json().createObjectNode().put("type", type);
    return transport
        .send(VaultCall.idempotentWrite(mount + "/keys/" + name, body))
        .thenApply(r -> null);
  }

  /** Adds a new version to key {@code name}; new encryptions use it. */
  public CompletableFuture<Void> rotateKey(String name) {
    return transport
        .send(
            VaultCall.write(
                mount + "/keys/" + name + "/rotate", transport.json().createObjectNode()))
        .thenApply(r -> null);
  }

  public CompletableFuture<Ciphertext> encrypt(String key, SecretBytes plaintext) {
    ObjectNode body = transport.json().createObjectNode().put("plaintext", plaintext.base64());
    return call("encrypt", key, body)
        .thenApply(d -> Ciphertext.parse(d.path("ciphertext").asText()));
  }

  public CompletableFuture<SecretBytes> decrypt(String key, Ciphertext ciphertext) {
    ObjectNode body = transport.json().createObjectNode().put("ciphertext", ciphertext.value());
    return call("decrypt", key, body)
        .thenApply(d -> SecretBytes.fromBase64(d.path("plaintext").asText()));
  }

  /** Re-encrypts under the key's latest version without revealing the plaintext to the caller. */
  public CompletableFuture<Ciphertext> rewrap(String key, Ciphertext ciphertext) {
    ObjectNode body = transport.json().createObjectNode().put("ciphertext", ciphertext.value());
    return call("rewrap", key, body)
        .thenApply(d -> Ciphertext.parse(d.path("ciphertext").asText()));
  }

  /** Encrypts every plaintext in one request; results in input order. */
  public CompletableFuture<List<Ciphertext>> encryptBatch(
      String key, List<SecretBytes> plaintexts) {
    ArrayNode items = transport.json().createArrayNode();
    plaintexts.forEach(p -> items.addObject().put("plaintext", p.base64()));
    return batch("encrypt", key, items, r -> Ciphertext.parse(r.path("ciphertext").asText()));
  }

  public CompletableFuture<List<SecretBytes>> decryptBatch(String key, List<Ciphertext> items) {
    ArrayNode in = transport.json().createArrayNode();
    items.forEach(c -> in.addObject().put("ciphertext", c.value()));
    return batch("decrypt", key, in, r -> SecretBytes.fromBase64(r.path("plaintext").asText()));
  }

  /** A new data key of {@code bits} (128, 256, 512), wrapped under {@code key}. */
  public CompletableFuture<DataKey> dataKey(String key, boolean withPlaintext, int bits) {
    ObjectNode body = transport.json().createObjectNode().put("bits", bits);
    String kind = withPlaintext ? "plaintext" : "wrapped";
    return transport
        .send(VaultCall.write(mount + "/datakey/" + kind + "/" + key, body))
        .thenApply(
            r ->
                new DataKey(
                    r.data().hasNonNull("plaintext")
                        ? Optional.of(SecretBytes.fromBase64(r.data().get("plaintext").asText()))
                        : Optional.empty(),
                    Ciphertext.parse(r.data().path("ciphertext").asText())));
  }

  public CompletableFuture<TransitSignature> sign(String key, byte[] input) {
    ObjectNode body = transport.json().createObjectNode().put("input", base64(input));
    return call("sign", key, body)
        .thenApply(d -> new TransitSignature(d.path("signature").asText()));
  }

  /** Whether {@code signature} is {@code key}'s over {@code input}; false, not an error, if not. */
  public CompletableFuture<Boolean> verify(String key, byte[] input, TransitSignature signature) {
    ObjectNode body =
        transport
            .json()
            .createObjectNode()
            .put("input", base64(input))
            .put("signature", signature.value());
    return call("verify", key, body).thenApply(d -> d.path("valid").asBoolean(false));
  }

  public CompletableFuture<TransitHmac> hmac(String key, byte[] input) {
    ObjectNode body = transport.json().createObjectNode().put("input", base64(input));
    return call("hmac", key, body).thenApply(d -> new TransitHmac(d.path("hmac").asText()));
  }

  public CompletableFuture<Boolean> verifyHmac(String key, byte[] input, TransitHmac hmac) {
    ObjectNode body =
        transport.json().createObjectNode().put("input", base64(input)).put("hmac", hmac.value());
    return call("verify", key, body).thenApply(d -> d.path("valid").asBoolean(false));
  }

  private CompletableFuture<JsonNode> call(String action, String key, ObjectNode body) {
    return transport
        .send(VaultCall.idempotentWrite(mount + "/" + action + "/" + key, body))
        .thenApply(VaultReply::data);
  }

  private <T> CompletableFuture<List<T>> batch(
      String action, String key, ArrayNode items, Function<JsonNode, T> map) {
    ObjectNode body = transport.json().createObjectNode();
    body.set("batch_input", items);
    String path = mount + "/" + action + "/" + key;
    return transport
        .send(VaultCall.idempotentWrite(path, body))
        .thenApply(
            r -> {
              List<String> errors = HttpTransport.batchErrors(r.data());
              if (!errors.isEmpty()) {
                throw new VaultException("POST " + path, r.status(), errors, r.requestId(), null);
              }
              List<T> out = new ArrayList<>();
              r.data().path("batch_results").forEach(result -> out.add(map.apply(result)));
              return List.copyOf(out);
            });
  }

  private static String base64(byte[] input) {
    return Base64.getEncoder().encodeToString(input);
  }
}
