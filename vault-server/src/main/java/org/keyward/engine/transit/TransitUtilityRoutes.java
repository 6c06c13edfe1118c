package org.keyward.engine.transit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/** {@code random(/:bytes)} and {@code hash(/:algorithm)}: keyless helpers. */
final class TransitUtilityRoutes {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_RANDOM_BYTES = 128 * 1024;

  /** {@code random}: {@code bytes} (default 32) from the path or body, {@code format}. */
  record RandomRequest(int bytes, boolean hex) {
    static RandomRequest from(RequestContext ctx) {
      String fromPath = ctx.params().get("bytes");
      long n;
      if (fromPath != null) {
        try {
          n = Long.parseLong(fromPath);
        } catch (NumberFormatException e) {
          throw ApiError.badRequest("path segment 'bytes' must be a number");
        }
      } else {
        n = Fields.integer(ctx.body(), "bytes", 32);
      }
      if (n < 1 || n > MAX_RANDOM_BYTES) {
        throw ApiError.badRequest("bytes must be between 1 and " + MAX_RANDOM_BYTES);
      }
      return new RandomRequest((int) n, hexFormat(ctx.body(), "base64"));
    }
  }

  /** {@code hash}: {@code input} (base64), algorithm from path or body, {@code format}. */
  record HashRequest(byte[] input, HashAlgorithm algorithm, boolean hex) {
    static HashRequest from(RequestContext ctx) {
      String fromPath = ctx.params().get("algorithm");
      return new HashRequest(
          Fields.base64(ctx.body(), "input", true),
          HashAlgorithm.fromWire(
              fromPath != null ? fromPath : Fields.string(ctx.body(), "algorithm", null)),
          hexFormat(ctx.body(), "hex"));
    }

    @Override
    public String toString() {
      return "HashRequest[" + algorithm.wireName() + ", REDACTED]";
    }
  }

  Future<VaultResponse> random(RandomRequest r, RequestContext ctx) {
    byte[] bytes = new byte[r.bytes()];
    RANDOM.nextBytes(bytes);
    return Future.succeededFuture(
        VaultResponse.data(new JsonObject().put("random_bytes", render(bytes, r.hex()))));
  }

  Future<VaultResponse> hash(HashRequest r, RequestContext ctx) {
    return Future.succeededFuture(
        VaultResponse.data(
            new JsonObject().put("sum", render(r.algorithm().digest(r.input()), r.hex()))));
  }

  private static boolean hexFormat(JsonObject body, String fallback) {
    String format = Fields.string(body, "format", fallback);
    if (!format.equals("hex") && !format.equals("base64")) {
      throw ApiError.badRequest("field 'format' must be 'hex' or 'base64'");
    }
    return format.equals("hex");
  }

  private static String render(byte[] bytes, boolean hex) {
    return hex ? HexFormat.of().formatHex(bytes) : Base64.getEncoder().encodeToString(bytes);
  }
}
