package org.keyward.policy;

import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * A request naming one policy, with the text for writes. The name is canonicalised here, once; the
 * text is only checked for presence (parsing waits until the caller is authorized).
 *
 * @param text the policy text, null for reads and deletes
 * @param usedRules whether the text came from the deprecated {@code rules} field
 */
record PolicyRequest(PolicyName name, String text, boolean usedRules) {
  static PolicyRequest named(RequestContext request) {
    return new PolicyRequest(PolicyName.canonical(request.param("name")), null, false);
  }

  /** {@code sys/policies/acl/:name}: the text is in {@code policy}. */
  static PolicyRequest write(RequestContext request) {
    PolicyName name = PolicyName.canonical(request.param("name"));
    return new PolicyRequest(name, text(Fields.string(request.body(), "policy", "")), false);
  }

  /** {@code sys/policy/:name}: {@code policy}, or else the deprecated {@code rules}. */
  static PolicyRequest writeLegacy(RequestContext request) {
    PolicyName name = PolicyName.canonical(request.param("name"));
    JsonObject body = request.body();
    String policy = Fields.string(body, "policy", "");
    if (!policy.isEmpty()) {
      return new PolicyRequest(name, text(policy), false);
    }
    return new PolicyRequest(name, text(Fields.string(body, "rules", "")), true);
  }

  /** Vault accepts the text base64-encoded too: use the decoding when it is valid UTF-8. */
  private static String text(String raw) {
    if (raw.isEmpty()) {
      throw ApiError.badRequest("'policy' parameter not supplied or empty");
    }
    try {
      byte[] decoded = Base64.getDecoder().decode(raw.strip());
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(decoded))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return raw;
    }
  }
}
