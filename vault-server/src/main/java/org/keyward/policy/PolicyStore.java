package org.keyward.policy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.keyward.http.ApiError;
import org.keyward.http.Authorizer;
import org.keyward.view.StorageView;

/**
 * The ACL policies, kept as barrier entries (one per name, JSON {@code {"name","policy"}}) under
 * the view it is given, cached in memory, with the compiled {@link Acl} rebuilt on every change.
 * Follows Vault: {@code root} is built in (listed, read as empty, never written or deleted); {@code
 * default} may be rewritten but not deleted; deleting an absent policy succeeds.
 *
 * <p>Names arrive as {@link PolicyName}s, already canonical. Changes are applied one at a time in
 * call order (storage first, then the cache), so the cache never disagrees with what was last
 * written. Reads and {@link #authorizer()} answer from memory and never block.
 */
public final class PolicyStore {
  private static final Comparator<PolicyName> BY_NAME = Comparator.comparing(PolicyName::value);

  private final StorageView view;
  private volatile Map<PolicyName, Policy> policies = Map.of();
  private volatile Acl acl = Acl.compile(List.of());
  private Future<?> lastChange = Future.succeededFuture();

  public PolicyStore(StorageView view) {
    this.view = view;
  }

  /**
   * Loads every stored policy into memory (after unseal). A stored policy that no longer parses
   * fails the load rather than be silently dropped.
   */
  public Future<Void> load() {
    return serially(() -> view.list("").compose(this::readAll).map(this::installLoaded));
  }

  private Future<List<Optional<byte[]>>> readAll(List<String> keys) {
    List<Future<Optional<byte[]>>> reads = new ArrayList<>();
    for (String key : keys) {
      reads.add(view.get(key));
    }
    return Future.all(reads).map(all -> all.list());
  }

  private Void installLoaded(List<Optional<byte[]>> stored) {
    TreeMap<PolicyName, Policy> loaded = new TreeMap<>(BY_NAME);
    for (Optional<byte[]> entry : stored) {
      entry.map(PolicyStore::decode).ifPresent(p -> loaded.put(p.name(), p));
    }
    install(loaded);
    return null;
  }

  /**
   * Creates or replaces a policy after parsing it; 400 for {@code root} or a text that does not
   * parse, with nothing changed.
   */
  public Future<Void> put(PolicyName name, String text) {
    if (name.isRoot()) {
      return Future.failedFuture(ApiError.badRequest("cannot update \"root\" policy"));
    }
    Policy policy;
    try {
      policy = Policy.parse(name, text);
    } catch (ApiError e) {
      return Future.failedFuture(e);
    }
    return serially(
        () ->
            view.put(name.value(), encode(policy))
                .map(
                    v -> {
                      TreeMap<PolicyName, Policy> next = new TreeMap<>(BY_NAME);
                      next.putAll(policies);
                      next.put(name, policy);
                      install(next);
                      return null;
                    }));
  }

  /** Deletes a policy; 400 for {@code root} and {@code default}; absent is fine (idempotent). */
  public Future<Void> delete(PolicyName name) {
    if (name.isRoot()) {
      return Future.failedFuture(ApiError.badRequest("cannot delete \"root\" policy"));
    }
    if (name.isDefault()) {
      return Future.failedFuture(ApiError.badRequest("cannot delete default policy"));
    }
    return serially(
        () ->
            view.delete(name.value())
                .map(
                    v -> {
                      TreeMap<PolicyName, Policy> next = new TreeMap<>(BY_NAME);
                      next.putAll(policies);
                      next.remove(name);
                      install(next);
                      return null;
                    }));
  }

  /** The policy, or empty; {@code root} reads as an empty text, as in Vault. */
  public Optional<Policy> get(PolicyName name) {
    if (name.isRoot()) {
      return Optional.of(new Policy(name, "", List.of()));
    }
    return Optional.ofNullable(policies.get(name));
  }

  /** The stored policy names in order, then {@code root}, as Vault lists them. */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    for (PolicyName n : policies.keySet()) {
      out.add(n.value());
    }
    out.add(PolicyName.ROOT.value());
    return out;
  }

  /**
   * Adds each of {@code shipped} (name to text) that is not stored yet, so operators' edits survive
   * restarts; the names added, in order. Meant for first init.
   */
  public Future<List<String>> loadShipped(Map<String, String> shipped) {
    List<String> added = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, String> e : new TreeMap<>(shipped).entrySet()) {
      PolicyName name = PolicyName.canonical(e.getKey());
      chain =
          chain.compose(
              v -> {
                if (name.isRoot() || policies.containsKey(name)) {
                  return Future.succeededFuture();
                }
                added.add(name.value());
                return put(name, e.getValue());
              });
    }
    return chain.map(v -> List.copyOf(added));
  }

  /**
   * Reads every {@code *.hcl} in {@code dir} on a worker thread, then adds those not stored yet
   * (see {@link #loadShipped(Map)}). For first init.
   */
  public Future<List<String>> loadShipped(Vertx vertx, Path dir) {
    return vertx.executeBlocking(() -> ShippedPolicies.read(dir), false).compose(this::loadShipped);
  }

  /** The ACL now in force. Immutable; a later change installs a new one. */
  public Acl acl() {
    return acl;
  }

  /**
   * An {@link Authorizer} that always consults the current {@link Acl}, for the request pipeline.
   */
  public Authorizer authorizer() {
    return (caller, path, capability) -> acl.authorize(caller, path, capability);
  }

  private void install(TreeMap<PolicyName, Policy> next) {
    Acl compiled = Acl.compile(next.values());
    policies = Collections.unmodifiableMap(next);
    acl = compiled;
  }

  private synchronized <T> Future<T> serially(Supplier<Future<T>> change) {
    Future<T> result = lastChange.transform(ignored -> change.get());
    lastChange = result;
    return result;
  }

  private static byte[] encode(Policy policy) {
    return new JsonObject()
        .put("name", policy.name().value())
        .put("policy", policy.text())
        .toBuffer()
        .getBytes();
  }

  private static Policy decode(byte[] stored) {
    JsonObject json = new JsonObject(new String(stored, StandardCharsets.UTF_8));
    PolicyName name = new PolicyName(json.getString("name"));
    try {
      return Policy.parse(name, json.getString("policy"));
    } catch (ApiError e) {
      // Not the caller's mistake: a stored policy that no longer parses stops the load (and is
      // logged as an internal error) rather than being skipped, which could drop a deny.
      throw new IllegalStateException(
          "stored policy '" + name + "' does not parse: " + String.join("; ", e.messages()));
    }
  }
}
