package org.keyward.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private static String canonical(JsonObject json) {
    return new String(CanonicalJson.bytes(json), StandardCharsets.UTF_8);
  }

  @Test
  void bytes_sortsKeysAtEveryLevelAndDropsWhitespace() {
    JsonObject json =
        new JsonObject(
            "{ \"b\": 1, \"a\": { \"z\": true, \"y\": null }, \"c\": [ 3, \"x\", {\"k\":2,\"j\":1} ] }");

    assertEquals(
        "{\"a\":{\"y\":null,\"z\":true},\"b\":1,\"c\":[3,\"x\",{\"j\":1,\"k\":2}]}",
        canonical(json));
  }

  @Test
  void bytes_escapesAsRfc8785() {
    JsonObject json = new JsonObject().put("s", "q\"b\\n\n\u0001é/€");

    assertEquals("{\"s\":\"q\\\"b\\\\n\\n\\u0001é/€\"}", canonical(json));
  }

  @Test
  void bytes_sameForEqualObjectsBuiltInAnotherOrder() {
    JsonObject a = new JsonObject().put("x", 1L).put("y", new JsonArray().add("a"));
    JsonObject b = new JsonObject().put("y", new JsonArray().add("a")).put("x", 1);

    assertEquals(canonical(a), canonical(b));
  }

  @Test
  void bytes_withFraction_refused() {
    assertThrows(
        IllegalArgumentException.class, () -> CanonicalJson.bytes(new JsonObject().put("f", 0.5)));
  }
}
