package org.keyward.engine.transit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.keyward.http.Operation;
import org.keyward.http.OperationKind;
import org.keyward.http.RequestContext;
import org.keyward.testing.DecoderFuzz;

/**
 * Fuzzes the decoders of every transit write body (keys, config, trim, restore, encrypt, decrypt,
 * rewrap, sign, verify, hmac, random, hash): any JSON object decodes or is a 4xx. Regression mode
 * in the normal build over {@code TransitRequestFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class TransitRequestFuzzTest {
  private static final List<Operation.Decoder<?>> DECODERS =
      List.of(
          TransitKeyRoutes.CreateKeyRequest::from,
          TransitKeyConfig::from,
          TransitKeyRoutes.TrimRequest::from,
          TransitBackupRoutes.RestoreRequest::from,
          BatchRequest::from,
          TransitSignRoutes.SignRequest::from,
          TransitUtilityRoutes.RandomRequest::from,
          TransitUtilityRoutes.HashRequest::from);

  @FuzzTest(maxDuration = "30s")
  void decode_anyBody_failsOnlyWithClientError(byte[] data) {
    DecoderFuzz.decodeAll(data, DECODERS, TransitRequestFuzzTest::context);
  }

  private static RequestContext context(JsonObject body) {
    return RequestContext.builder("fuzz", OperationKind.WRITE)
        .path("transit/encrypt/fuzz")
        .mount("transit/")
        .params(Map.of("name", "fuzz", "bytes", "32", "algorithm", "sha2-256"))
        .body(body)
        .remoteAddress("127.0.0.1")
        .build();
  }
}
