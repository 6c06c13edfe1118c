package org.keyward.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaultResponseTest {
  /** Writes a tree through the generator, as a large answer would write its own fields. */
  private record TreeWriter(JsonObject tree) implements StreamedJson {
    @Override
    public void write(JsonGenerator out) {
      JacksonCodec.encodeJson(tree, out);
    }

    @Override
    public JsonObject toJson() {
      return tree.copy();
    }

    @Override
    public int sizeHint() {
      return 0;
    }
  }

  private static JsonObject sample() {
    return new JsonObject()
        .put(
            "batch_results",
            new JsonArray()
                .add(new JsonObject().put("ciphertext", "vault:v1:QUJD").put("key_version", 1))
                .add(new JsonObject().put("error", "bad \"item\"\n").putNull("reference"))
                .add(new JsonObject().put("plaintext", "eA==").put("reference", 7.5)));
  }

  @Test
  void render_streamedData_isByteForByteTheTreeEnvelope() {
    VaultResponse tree = VaultResponse.data(sample());
    VaultResponse streamed = VaultResponse.streamedData(new TreeWriter(sample()));

    assertEquals(
        tree.render("req-1", "transit").toString(), streamed.render("req-1", "transit").toString());
    assertEquals(tree.render("req-2", null).toString(), streamed.render("req-2", null).toString());
  }

  @Test
  void render_streamedDataWithWarningsAndStatus_matchesTheTreeEnvelope() {
    VaultResponse tree =
        VaultResponse.data(sample()).withWarnings(List.of("one", "two")).withStatus(207);
    VaultResponse streamed =
        VaultResponse.streamedData(new TreeWriter(sample()))
            .withWarnings(List.of("one", "two"))
            .withStatus(207);

    assertEquals(207, streamed.status());
    assertEquals(
        tree.render("r", "transit").toString(), streamed.render("r", "transit").toString());
  }

  @Test
  void data_ofStreamedResponse_isItsTreeForTheAuditLog() {
    VaultResponse streamed = VaultResponse.streamedData(new TreeWriter(sample()));

    assertEquals(sample(), streamed.data());
    assertNull(streamed.auth());
  }
}
