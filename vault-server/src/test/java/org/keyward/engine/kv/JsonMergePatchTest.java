package org.keyward.engine.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class JsonMergePatchTest {
  @Test
  void apply_rfc7396Example_matchesSpecifiedResult() {
    JsonObject target =
        new JsonObject(
            "{\"title\":\"Goodbye!\",\"author\":{\"givenName\":\"John\",\"familyName\":\"Doe\"},"
                + "\"tags\":[\"example\",\"sample\"],\"content\":\"This will be unchanged\"}");
    JsonObject patch =
        new JsonObject(
            "{\"title\":\"Hello!\",\"phoneNumber\":\"+01-123-456-7890\","
                + "\"author\":{\"familyName\":null},\"tags\":[\"example\"]}");

    JsonObject result = JsonMergePatch.apply(target, patch);

    JsonObject expected =
        new JsonObject(
            "{\"title\":\"Hello!\",\"author\":{\"givenName\":\"John\"},\"tags\":[\"example\"],"
                + "\"content\":\"This will be unchanged\",\"phoneNumber\":\"+01-123-456-7890\"}");
    assertEquals(expected, result);
  }

  @Test
  void apply_objectOverScalar_replacesIt_andLeavesTargetUntouched() {
    JsonObject target = new JsonObject().put("a", "b").put("list", new JsonArray().add(1));

    JsonObject result =
        JsonMergePatch.apply(
            target, new JsonObject().put("a", new JsonObject().put("c", null).put("d", 1)));

    assertEquals(
        new JsonObject().put("a", new JsonObject().put("d", 1)).put("list", new JsonArray().add(1)),
        result);
    assertEquals("b", target.getString("a"));
  }
}
