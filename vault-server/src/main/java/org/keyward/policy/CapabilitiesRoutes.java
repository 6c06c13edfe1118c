package org.keyward.policy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.keyward.http.ApiError;
import org.keyward.http.Authorizer;
import org.keyward.http.Caller;
import org.keyward.http.Capability;
import org.keyward.http.Fields;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code sys/capabilities-self}: which capabilities the calling token holds on each of a list of
 * paths, as Vault answers it ({@code ["root"]} for a root token, {@code ["deny"]} where nothing is
 * granted). The console asks it to hide what a token may not do; it is a hint for interfaces, the
 * pipeline still decides every request on its own.
 */
public final class CapabilitiesRoutes {
  /** More paths than any page asks for at once; bounds the work one request can cause. */
  static final int MAX_PATHS = 256;

  private final Authorizer authorizer;

  public CapabilitiesRoutes(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  /** The operation, its pattern relative to {@code sys/}. */
  public List<Operation<?>> operations() {
    return List.of(Operation.write("capabilities-self", CapabilitiesRoutes::paths, this::answer));
  }

  /** Vault takes {@code paths} as a list or a comma-separated string, or the older {@code path}. */
  static List<String> paths(RequestContext request) {
    JsonObject body = request.body();
    Set<String> paths = new LinkedHashSet<>();
    for (String field : new String[] {"paths", "path"}) {
      Object value = body.getValue(field);
      if (value instanceof String s) {
        for (String p : s.split(",")) {
          addPath(paths, p);
        }
      } else if (value instanceof JsonArray) {
        for (String p : Fields.stringList(body, field)) {
          addPath(paths, p);
        }
      } else if (value != null) {
        throw ApiError.badRequest("'" + field + "' must be a list of strings");
      }
    }
    if (paths.isEmpty()) {
      throw ApiError.badRequest("missing required 'paths' parameter");
    }
    if (paths.size() > MAX_PATHS) {
      throw ApiError.badRequest("at most " + MAX_PATHS + " paths per request");
    }
    return List.copyOf(paths);
  }

  private static void addPath(Set<String> paths, String raw) {
    String p = raw.strip();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (!p.isEmpty()) {
      paths.add(p);
    }
  }

  private Future<VaultResponse> answer(List<String> paths, RequestContext request) {
    JsonObject data = new JsonObject();
    JsonArray all = new JsonArray();
    Set<String> union = new TreeSet<>();
    for (String path : paths) {
      List<String> held = capabilities(request.caller(), path);
      data.put(path, new JsonArray(held));
      union.addAll(held);
    }
    if (paths.size() == 1) {
      union.forEach(all::add);
      data.put("capabilities", all);
    }
    return Future.succeededFuture(VaultResponse.sysData(data));
  }

  /** The sorted capabilities {@code caller} holds on {@code path}. */
  List<String> capabilities(Caller caller, String path) {
    if (caller.isRoot()) {
      return List.of("root");
    }
    List<String> held = new ArrayList<>();
    for (Capability c : Capability.values()) {
      if (c != Capability.DENY && authorizer.authorize(caller, path, c).allowed()) {
        held.add(c.wireName());
      }
    }
    if (held.isEmpty()) {
      return List.of("deny");
    }
    held.sort(null);
    return held;
  }
}
