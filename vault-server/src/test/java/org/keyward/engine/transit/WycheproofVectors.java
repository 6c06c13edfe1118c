package org.keyward.engine.transit;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Loads Wycheproof vector files from {@code src/test/resources/wycheproof/}. */
final class WycheproofVectors {
  /** One test case with its group's fields at hand. */
  record Case(JsonObject group, JsonObject test) {
    byte[] hex(String field) {
      return HexFormat.of().parseHex(test.getString(field));
    }

    byte[] groupHex(String field) {
      return HexFormat.of().parseHex(group.getString(field));
    }

    String result() {
      return test.getString("result");
    }

    String id() {
      return "tcId " + test.getInteger("tcId");
    }
  }

  private WycheproofVectors() {}

  static List<Case> load(String file) {
    try (InputStream in = WycheproofVectors.class.getResourceAsStream("/wycheproof/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource wycheproof/" + file);
      }
      JsonObject root = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      List<Case> out = new ArrayList<>();
      for (Object g : root.getJsonArray("testGroups")) {
        JsonObject group = (JsonObject) g;
        for (Object t : group.getJsonArray("tests")) {
          out.add(new Case(group, (JsonObject) t));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
