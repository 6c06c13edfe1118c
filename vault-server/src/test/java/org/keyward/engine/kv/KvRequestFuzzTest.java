package org.keyward.engine.kv;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.keyward.http.Operation;
import org.keyward.http.OperationKind;
import org.keyward.http.RequestContext;
import org.keyward.testing.DecoderFuzz;

/**
 * Fuzzes the decoders of every KV write and patch body ({@code config}, {@code data}, {@code
 * delete}/{@code undelete}/{@code destroy}, {@code metadata}): any JSON object decodes or is a 4xx.
 * Regression mode in the normal build over {@code KvRequestFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class KvRequestFuzzTest {
  private static final List<Operation.Decoder<?>> DECODERS =
      List.of(
          ConfigWriteRequest::from,
          DataWriteRequest::from,
          DataWriteRequest::fromPatch,
          VersionsRequest::from,
          MetadataWriteRequest::fromWrite,
          MetadataWriteRequest::fromPatch);

  @FuzzTest(maxDuration = "30s")
  void decode_anyBody_failsOnlyWithClientError(byte[] data) {
    DecoderFuzz.decodeAll(data, DECODERS, KvRequestFuzzTest::context);
  }

  private static RequestContext context(JsonObject body) {
    return RequestContext.builder("fuzz", OperationKind.WRITE)
        .path("secret/data/fuzz")
        .mount("secret/")
        .params(Map.of("path", "fuzz"))
        .body(body)
        .remoteAddress("127.0.0.1")
        .build();
  }
}
