package org.keyward.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The key/value pairs of a KV secret, held so that printing them shows only the keys. Values are
 * JSON values (strings, numbers, booleans, nested maps and lists) and leave through {@link
 * #reveal()} or {@link #string(String)}. Immutable.
 */
public final class SecretData {
  private final Map<String, Object> values;

  private SecretData(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** A copy of {@code values} (nested maps and lists are shared: pass immutable ones). */
  public static SecretData of(Map<String, ?> values) {
    return new SecretData(new LinkedHashMap<>(values));
  }

  public Set<String> keys() {
    return values.keySet();
  }

  /** Every value, unmodifiable. */
  public Map<String, Object> reveal() {
    return values;
  }

  /** The value of {@code key} as text, if it is present and a string. */
  public Optional<SecretString> string(String key) {
    return values.get(key) instanceof String s ? Optional.of(SecretString.of(s)) : Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretData d && d.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "SecretData[keys=" + values.keySet() + ", values REDACTED]";
  }
}
