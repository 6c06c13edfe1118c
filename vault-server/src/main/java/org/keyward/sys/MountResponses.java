package org.keyward.sys;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import org.keyward.engine.MountEntry;

/** Vault's JSON for a mount, shared by {@code sys/mounts} and {@code sys/internal/ui/mounts}. */
final class MountResponses {
  /** Vault's system default lease TTL (768h), reported by tune when a mount uses the default. */
  static final long SYSTEM_DEFAULT_TTL = 768L * 3600;

  private MountResponses() {}

  /** One mount as {@code GET sys/mounts} lists it. */
  static JsonObject mount(MountEntry e) {
    return new JsonObject()
        .put("type", e.type())
        .put("description", e.description())
        .put("accessor", e.accessor())
        .put("uuid", e.uuid())
        .put("config", config(e))
        .put("options", e.options().isEmpty() ? null : options(e))
        .put("local", false)
        .put("seal_wrap", false)
        .put("external_entropy_access", false);
  }

  /** The mount serving a path, as the {@code vault kv} preflight reads it. */
  static JsonObject uiMount(MountEntry e) {
    return mount(e).put("path", e.path());
  }

  /** {@code GET sys/mounts/:path/tune}: effective TTLs (the system default where unset). */
  static JsonObject tune(MountEntry e) {
    return new JsonObject()
        .put("description", e.description())
        .put(
            "default_lease_ttl",
            e.defaultLeaseTtl() == 0 ? SYSTEM_DEFAULT_TTL : e.defaultLeaseTtl())
        .put("max_lease_ttl", e.maxLeaseTtl() == 0 ? SYSTEM_DEFAULT_TTL : e.maxLeaseTtl())
        .put("force_no_cache", false)
        .put("options", e.options().isEmpty() ? null : options(e));
  }

  private static JsonObject config(MountEntry e) {
    return new JsonObject()
        .put("default_lease_ttl", e.defaultLeaseTtl())
        .put("max_lease_ttl", e.maxLeaseTtl())
        .put("force_no_cache", false);
  }

  private static JsonObject options(MountEntry e) {
    return new JsonObject(new LinkedHashMap<>(e.options()));
  }
}
