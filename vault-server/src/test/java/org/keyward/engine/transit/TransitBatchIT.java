package org.keyward.engine.transit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.engine.transit.TransitRequests.b64;
import static org.keyward.engine.transit.TransitRequests.unb64;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Batch answers, which are written item by item into the body rather than rendered from a tree:
 * field order, every kind of {@code reference}, per-item errors and statuses, on the event loop
 * (small batches) and in chunks on workers (large ones).
 */
class TransitBatchIT extends ServedTransit {

  /** Posts as root; the status and the body exactly as sent. */
  private HttpResponse<Buffer> raw(String path, JsonObject body) {
    return server.root(HttpMethod.POST, path, body);
  }

  private static List<String> keys(JsonObject o) {
    return new ArrayList<>(o.fieldNames());
  }

  /** The body is compact JSON in Vault's envelope order: re-encoding its tree gives it back. */
  private static JsonArray results(HttpResponse<Buffer> r) {
    String text = r.bodyAsString();
    JsonObject body = new JsonObject(text);
    assertEquals(body.encode(), text);
    assertEquals(
        List.of(
            "request_id",
            "lease_id",
            "renewable",
            "lease_duration",
            "data",
            "wrap_info",
            "warnings",
            "auth",
            "mount_type"),
        keys(body));
    assertEquals("transit", body.getString("mount_type"));
    return body.getJsonObject("data").getJsonArray("batch_results");
  }

  private static JsonArray mixedItems() {
    return new JsonArray()
        .add(new JsonObject().put("plaintext", b64("a")).put("reference", "text"))
        .add(new JsonObject().put("plaintext", "not base64!").put("reference", 42))
        .add(
            new JsonObject()
                .put("plaintext", b64("c"))
                .put("reference", new JsonObject().put("id", 3).put("tags", new JsonArray())))
        .add(new JsonObject().put("plaintext", b64("d")).put("nonce", b64("twelve bytes")))
        .add(new JsonObject().put("plaintext", b64("e")).putNull("reference"))
        .add(new JsonObject().put("plaintext", b64("\"quoted\"\n")));
  }

  private void assertMixedAnswers(JsonArray results) {
    assertEquals(6, results.size());
    assertEquals(List.of("ciphertext", "key_version", "reference"), keys(results.getJsonObject(0)));
    assertEquals("text", results.getJsonObject(0).getString("reference"));
    assertEquals(1, results.getJsonObject(0).getInteger("key_version"));
    assertEquals(
        new JsonObject()
            .put("error", "field 'plaintext' must be valid base64")
            .put("reference", 42),
        results.getJsonObject(1));
    assertEquals(
        new JsonObject().put("id", 3).put("tags", new JsonArray()),
        results.getJsonObject(2).getJsonObject("reference"));
    assertEquals(
        new JsonObject().put("error", "nonce provided when not allowed"), results.getJsonObject(3));
    assertEquals(List.of("ciphertext", "key_version", "reference"), keys(results.getJsonObject(4)));
    assertTrue(results.getJsonObject(4).containsKey("reference"));
    assertEquals(null, results.getJsonObject(4).getValue("reference"));
    assertEquals(List.of("ciphertext", "key_version"), keys(results.getJsonObject(5)));
  }

  @Test
  void encryptBatch_mixedItems_answersEachInOrderWithItsReference() {
    createKey("orders", new JsonObject());

    HttpResponse<Buffer> r =
        raw(
            "transit/encrypt/orders",
            new JsonObject()
                .put("batch_input", mixedItems())
                .put("partial_failure_response_code", 207));

    assertEquals(207, r.statusCode());
    JsonArray results = results(r);
    assertMixedAnswers(results);
    JsonArray decryptItems = new JsonArray();
    for (int i : new int[] {0, 2, 4, 5}) {
      decryptItems.add(
          new JsonObject()
              .put("ciphertext", results.getJsonObject(i).getString("ciphertext"))
              .put("reference", "d" + i));
    }
    HttpResponse<Buffer> dec =
        raw("transit/decrypt/orders", new JsonObject().put("batch_input", decryptItems));
    assertEquals(200, dec.statusCode());
    JsonArray plain = results(dec);
    assertEquals(List.of("plaintext", "reference"), keys(plain.getJsonObject(0)));
    assertEquals("a", unb64(plain.getJsonObject(0).getString("plaintext")));
    assertEquals("d2", plain.getJsonObject(1).getString("reference"));
    assertEquals("\"quoted\"\n", unb64(plain.getJsonObject(3).getString("plaintext")));
  }

  @Test
  void encryptBatch_largeMixedBatchOnWorkers_answersLikeASmallOne() {
    createKey("bulk", new JsonObject());
    JsonArray items = new JsonArray();
    int copies = BatchResults.OFF_LOOP_ITEMS; // 6 items each: several chunks
    for (int i = 0; i < copies; i++) {
      mixedItems().forEach(items::add);
    }

    HttpResponse<Buffer> r =
        raw("transit/encrypt/bulk", new JsonObject().put("batch_input", items));

    assertEquals(400, r.statusCode());
    JsonArray results = results(r);
    assertEquals(items.size(), results.size());
    for (int i = 0; i < copies; i++) {
      JsonArray six = new JsonArray(results.getList().subList(i * 6, i * 6 + 6));
      assertMixedAnswers(six);
    }
  }

  @Test
  void encryptBatch_everyItemBad_is400WithEachError() {
    createKey("orders", new JsonObject());
    JsonArray items =
        new JsonArray()
            .add(new JsonObject().put("plaintext", "!"))
            .add(new JsonObject().put("reference", "no plaintext"));

    HttpResponse<Buffer> r =
        raw(
            "transit/encrypt/orders",
            new JsonObject().put("batch_input", items).put("partial_failure_response_code", 207));

    assertEquals(400, r.statusCode());
    JsonArray results = results(r);
    assertEquals(
        "field 'plaintext' must be valid base64", results.getJsonObject(0).getString("error"));
    assertEquals(
        new JsonObject()
            .put("error", "missing required field 'plaintext'")
            .put("reference", "no plaintext"),
        results.getJsonObject(1));
  }

  @Test
  void decryptBatch_derivedKeyWithContextAndAssociatedData_opensOnlyMatchingItems() {
    createKey("tenants", new JsonObject().put("derived", true));
    JsonArray items = new JsonArray();
    for (int i = 0; i < 3; i++) {
      items.add(
          new JsonObject()
              .put("plaintext", b64("secret-" + i))
              .put("context", b64("tenant-" + i))
              .put("associated_data", b64("row-" + i)));
    }
    HttpResponse<Buffer> enc =
        raw("transit/encrypt/tenants", new JsonObject().put("batch_input", items));
    assertEquals(200, enc.statusCode());
    JsonArray sealed = results(enc);

    JsonArray decryptItems =
        new JsonArray()
            .add(
                item(sealed, 0)
                    .put("context", b64("tenant-0"))
                    .put("associated_data", b64("row-0")))
            .add(
                item(sealed, 1)
                    .put("context", b64("tenant-2"))
                    .put("associated_data", b64("row-1")))
            .add(item(sealed, 2).put("associated_data", b64("row-2")))
            .add(
                item(sealed, 2)
                    .put("context", b64("tenant-2"))
                    .put("associated_data", b64("row-2")));
    HttpResponse<Buffer> dec =
        raw(
            "transit/decrypt/tenants",
            new JsonObject()
                .put("batch_input", decryptItems)
                .put("partial_failure_response_code", 200));

    assertEquals(200, dec.statusCode());
    JsonArray opened = results(dec);
    assertEquals("secret-0", unb64(opened.getJsonObject(0).getString("plaintext")));
    assertEquals(
        "invalid ciphertext: unable to decrypt", opened.getJsonObject(1).getString("error"));
    assertEquals(
        "missing 'context' for key derivation: the key is derived",
        opened.getJsonObject(2).getString("error"));
    assertFalse(opened.getJsonObject(2).containsKey("plaintext"));
    assertEquals("secret-2", unb64(opened.getJsonObject(3).getString("plaintext")));
  }

  private static JsonObject item(JsonArray sealed, int i) {
    return new JsonObject().put("ciphertext", sealed.getJsonObject(i).getString("ciphertext"));
  }

  @Test
  void rewrapBatch_afterRotate_movesEachItemToTheNewVersion() {
    createKey("orders", new JsonObject());
    JsonArray items =
        new JsonArray()
            .add(new JsonObject().put("plaintext", b64("a")))
            .add(new JsonObject().put("plaintext", b64("b")));
    JsonArray sealed =
        results(raw("transit/encrypt/orders", new JsonObject().put("batch_input", items)));
    assertEquals(200, server.post("transit/keys/orders/rotate", new JsonObject()).status());
    JsonArray rewrapItems =
        new JsonArray().add(item(sealed, 0)).add(item(sealed, 1).put("reference", "second"));

    HttpResponse<Buffer> r =
        raw("transit/rewrap/orders", new JsonObject().put("batch_input", rewrapItems));

    assertEquals(200, r.statusCode());
    JsonArray rewrapped = results(r);
    assertEquals(2, rewrapped.getJsonObject(0).getInteger("key_version"));
    assertTrue(rewrapped.getJsonObject(1).getString("ciphertext").startsWith("vault:v2:"));
    assertEquals("second", rewrapped.getJsonObject(1).getString("reference"));
  }

  @Test
  void encrypt_singleItem_answersFieldsWithoutBatchResults() {
    createKey("orders", new JsonObject());

    HttpResponse<Buffer> r =
        raw("transit/encrypt/orders", new JsonObject().put("plaintext", b64("one")));

    assertEquals(200, r.statusCode());
    JsonObject data = new JsonObject(r.bodyAsString()).getJsonObject("data");
    assertEquals(List.of("ciphertext", "key_version"), keys(data));
  }
}
