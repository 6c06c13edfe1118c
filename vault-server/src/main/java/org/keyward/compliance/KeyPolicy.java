package org.keyward.compliance;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;

/**
 * The key-age policy the compliance report holds the vault against ({@code sys/config/key-policy}).
 * Ages are maxima; a key past its maximum is failing, one past {@link #WARN_SHARE_PERCENT} of it is
 * a warning. The defaults follow NIST SP 800-57 Part 1 Rev. 5, section 5.3.6 (cryptoperiods), see
 * {@code docs/compliance.md}.
 *
 * @param keyringMaxAgeDays the primary keyring key (data encryption): at most 1 year by default
 * @param kekMaxAgeDays the HSM KEK in use (key wrapping): at most 2 years by default
 * @param transitMaxAgeDays the newest version of a transit key, unless a pattern matches
 * @param transitMaxAgeByPattern per key-name glob ({@code *} matches any run of characters)
 * @param caMinRemainingDays a CA certificate with less validity left is failing
 * @param certificateWarnDays an issued certificate expiring within this many days is a warning
 * @param rootTokenMaxAgeHours an outstanding root token older than this is failing
 * @param tokensRequireTtl whether a non-root token without a TTL is failing
 */
public record KeyPolicy(
    int keyringMaxAgeDays,
    int kekMaxAgeDays,
    int transitMaxAgeDays,
    Map<String, Integer> transitMaxAgeByPattern,
    int caMinRemainingDays,
    int certificateWarnDays,
    int rootTokenMaxAgeHours,
    boolean tokensRequireTtl) {

  /** Past this share of its maximum age a key is a warning. */
  public static final int WARN_SHARE_PERCENT = 90;

  static final int MAX_DAYS = 36_500;
  static final int MAX_PATTERNS = 100;
  private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_.*-]{1,128}");
  private static final Set<String> FIELDS =
      Set.of(
          "keyring_max_age_days",
          "kek_max_age_days",
          "transit_max_age_days",
          "transit_max_age_by_pattern",
          "ca_min_remaining_days",
          "certificate_warn_days",
          "root_token_max_age_hours",
          "tokens_require_ttl");

  public static final KeyPolicy DEFAULT = new KeyPolicy(365, 730, 365, Map.of(), 90, 30, 24, true);

  public KeyPolicy {
    transitMaxAgeByPattern = Map.copyOf(transitMaxAgeByPattern);
    range("keyring_max_age_days", keyringMaxAgeDays, 1, MAX_DAYS);
    range("kek_max_age_days", kekMaxAgeDays, 1, MAX_DAYS);
    range("transit_max_age_days", transitMaxAgeDays, 1, MAX_DAYS);
    range("ca_min_remaining_days", caMinRemainingDays, 0, MAX_DAYS);
    range("certificate_warn_days", certificateWarnDays, 0, MAX_DAYS);
    range("root_token_max_age_hours", rootTokenMaxAgeHours, 1, MAX_DAYS * 24);
    if (transitMaxAgeByPattern.size() > MAX_PATTERNS) {
      throw ApiError.badRequest(
          "transit_max_age_by_pattern holds at most " + MAX_PATTERNS + " patterns");
    }
    transitMaxAgeByPattern.forEach(
        (glob, days) -> {
          if (!GLOB.matcher(glob).matches()) {
            throw ApiError.badRequest(
                "transit_max_age_by_pattern: a pattern is 1 to 128 of A-Z a-z 0-9 _ . - *");
          }
          range("transit_max_age_by_pattern." + glob, days, 1, MAX_DAYS);
        });
  }

  /** The maximum age in days for the transit key {@code name}: the longest matching pattern. */
  public int transitMaxAgeDays(String name) {
    String best = null;
    for (String glob : transitMaxAgeByPattern.keySet()) {
      if (matches(glob, name) && (best == null || glob.length() > best.length())) {
        best = glob;
      }
    }
    return best == null ? transitMaxAgeDays : transitMaxAgeByPattern.get(best);
  }

  static boolean matches(String glob, String name) {
    StringBuilder regex = new StringBuilder();
    String[] parts = glob.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return Pattern.matches(regex.toString(), name);
  }

  /**
   * This policy with the fields present in {@code body} replaced; unknown fields, wrong types and
   * out-of-range values are a 400 naming the field.
   */
  public KeyPolicy merge(JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw ApiError.badRequest("unknown field " + field);
      }
    }
    return new KeyPolicy(
        integer(body, "keyring_max_age_days", keyringMaxAgeDays),
        integer(body, "kek_max_age_days", kekMaxAgeDays),
        integer(body, "transit_max_age_days", transitMaxAgeDays),
        patterns(body, transitMaxAgeByPattern),
        integer(body, "ca_min_remaining_days", caMinRemainingDays),
        integer(body, "certificate_warn_days", certificateWarnDays),
        integer(body, "root_token_max_age_hours", rootTokenMaxAgeHours),
        bool(body, "tokens_require_ttl", tokensRequireTtl));
  }

  public JsonObject toJson() {
    JsonObject patterns = new JsonObject();
    new TreeMap<>(transitMaxAgeByPattern).forEach(patterns::put);
    return new JsonObject()
        .put("keyring_max_age_days", keyringMaxAgeDays)
        .put("kek_max_age_days", kekMaxAgeDays)
        .put("transit_max_age_days", transitMaxAgeDays)
        .put("transit_max_age_by_pattern", patterns)
        .put("ca_min_remaining_days", caMinRemainingDays)
        .put("certificate_warn_days", certificateWarnDays)
        .put("root_token_max_age_hours", rootTokenMaxAgeHours)
        .put("tokens_require_ttl", tokensRequireTtl);
  }

  /** Parses a stored policy; fields missing from an older row take the defaults. */
  static KeyPolicy fromJson(JsonObject json) {
    return DEFAULT.merge(json);
  }

  private static void range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw ApiError.badRequest(field + " must be between " + min + " and " + max);
    }
  }

  private static int integer(JsonObject body, String field, int current) {
    if (!body.containsKey(field)) {
      return current;
    }
    Object v = body.getValue(field);
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      double d = n.doubleValue();
      if (d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
        throw ApiError.badRequest(field + " is out of range");
      }
      return n.intValue();
    }
    if (v instanceof String s && s.matches("-?[0-9]{1,9}")) {
      return Integer.parseInt(s);
    }
    throw ApiError.badRequest(field + " must be a whole number");
  }

  private static boolean bool(JsonObject body, String field, boolean current) {
    if (!body.containsKey(field)) {
      return current;
    }
    Object v = body.getValue(field);
    if (v instanceof Boolean b) {
      return b;
    }
    if ("true".equals(v) || "false".equals(v)) {
      return Boolean.parseBoolean((String) v);
    }
    throw ApiError.badRequest(field + " must be true or false");
  }

  private static Map<String, Integer> patterns(JsonObject body, Map<String, Integer> current) {
    String field = "transit_max_age_by_pattern";
    if (!body.containsKey(field)) {
      return current;
    }
    if (!(body.getValue(field) instanceof JsonObject map)) {
      throw ApiError.badRequest(field + " must be an object of pattern to days");
    }
    if (map.size() > MAX_PATTERNS) {
      throw ApiError.badRequest(field + " holds at most " + MAX_PATTERNS + " patterns");
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String glob : map.fieldNames()) {
      out.put(glob, integer(map, glob, 0));
    }
    return out;
  }
}
