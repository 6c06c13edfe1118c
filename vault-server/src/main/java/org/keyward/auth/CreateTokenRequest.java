package org.keyward.auth;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * A validated {@code auth/token/create} body. Durations are seconds (0: not given); policies are
 * lower-cased and checked against the caller's own at create time, not here.
 */
public record CreateTokenRequest(
    List<String> policies,
    long ttl,
    long explicitMaxTtl,
    long numUses,
    boolean renewable,
    String displayName,
    Map<String, String> meta,
    boolean noParent,
    boolean noDefaultPolicy) {
  private static final Pattern POLICY = Pattern.compile("[a-z0-9_.\\-]{1,128}");
  private static final int MAX_META_ENTRIES = 64;

  public CreateTokenRequest {
    policies = List.copyOf(policies);
    meta = Map.copyOf(meta);
  }

  public static CreateTokenRequest from(RequestContext request) {
    JsonObject body = request.body();
    List<String> policies =
        Fields.stringList(body, "policies").stream()
            .map(p -> p.trim().toLowerCase(java.util.Locale.ROOT))
            .distinct()
            .toList();
    for (String p : policies) {
      if (!POLICY.matcher(p).matches()) {
        throw ApiError.badRequest("field 'policies' holds an invalid policy name");
      }
    }
    refuseUnsupported(body);
    long numUses = Fields.integer(body, "num_uses", 0);
    if (numUses < 0) {
      throw ApiError.badRequest("field 'num_uses' must not be negative");
    }
    String displayName = Fields.string(body, "display_name", "");
    if (displayName.length() > 256) {
      throw ApiError.badRequest("field 'display_name' is too long");
    }
    return new CreateTokenRequest(
        policies,
        Fields.durationSeconds(body, "ttl", 0),
        Fields.durationSeconds(body, "explicit_max_ttl", 0),
        numUses,
        Fields.bool(body, "renewable", true),
        displayName,
        meta(body),
        Fields.bool(body, "no_parent", false),
        Fields.bool(body, "no_default_policy", false));
  }

  /** Same request as an orphan, for {@code auth/token/create-orphan}. */
  public CreateTokenRequest asOrphan() {
    return new CreateTokenRequest(
        policies,
        ttl,
        explicitMaxTtl,
        numUses,
        renewable,
        displayName,
        meta,
        true,
        noDefaultPolicy);
  }

  /** Fields Vault accepts that this store does not implement: refused rather than ignored. */
  private static void refuseUnsupported(JsonObject body) {
    String type = Fields.string(body, "type", "service");
    if (!type.equals("service") && !type.equals("default")) {
      throw ApiError.badRequest("field 'type': only service tokens are supported");
    }
    if (Fields.durationSeconds(body, "period", 0) != 0) {
      throw ApiError.badRequest("field 'period': periodic tokens are not supported");
    }
    if (!Fields.string(body, "id", "").isEmpty()) {
      throw ApiError.badRequest("field 'id': custom token ids are not supported");
    }
  }

  private static Map<String, String> meta(JsonObject body) {
    JsonObject meta = Fields.object(body, "meta");
    Map<String, String> out = new LinkedHashMap<>();
    if (meta == null) {
      return out;
    }
    if (meta.size() > MAX_META_ENTRIES) {
      throw ApiError.badRequest("field 'meta' has too many entries");
    }
    for (Map.Entry<String, Object> e : meta) {
      if (!(e.getValue() instanceof String s)) {
        throw ApiError.badRequest("field 'meta' must map strings to strings");
      }
      out.put(e.getKey(), s);
    }
    return out;
  }
}
