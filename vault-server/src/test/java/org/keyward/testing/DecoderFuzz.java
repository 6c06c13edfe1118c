package org.keyward.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;

/**
 * The body of every engine's request-decoder fuzz target: fuzzer bytes that parse as a JSON object
 * go through each decoder, which may refuse them only with a client error (4xx); a 5xx or any other
 * exception fails the target. Bytes that are no JSON object are the pipeline's own 400.
 */
public final class DecoderFuzz {
  private DecoderFuzz() {}

  public static void decodeAll(
      byte[] data,
      List<Operation.Decoder<?>> decoders,
      Function<JsonObject, RequestContext> request) {
    JsonObject body;
    try {
      if (!(Json.decodeValue(Buffer.buffer(data)) instanceof JsonObject object)) {
        return;
      }
      body = object;
    } catch (DecodeException e) {
      return;
    }
    for (Operation.Decoder<?> decoder : decoders) {
      try {
        decoder.decode(request.apply(body));
      } catch (ApiError e) {
        if (e.status() >= 500) {
          throw e;
        }
      }
    }
  }
}
