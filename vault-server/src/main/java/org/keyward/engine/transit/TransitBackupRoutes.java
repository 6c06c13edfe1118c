package org.keyward.engine.transit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code export/:type/:name[/:version]}, {@code backup/:name} and {@code restore[/:name]}, in
 * Vault's shapes. Private material leaves only for keys marked {@code exportable} (backup also
 * needs {@code allow_plaintext_backup}); {@code public-key} export needs neither, as in Vault.
 * Refusals are 400 (Vault answers some of them with 500).
 */
final class TransitBackupRoutes {
  private final TransitKeyStore store;

  TransitBackupRoutes(TransitKeyStore store) {
    this.store = store;
  }

  /** An export request; {@code version} 0 means every live version. */
  record ExportRequest(TransitKeyExport.Kind kind, KeyName name, String version) {
    static ExportRequest from(RequestContext ctx) {
      String format = ctx.params().get("format");
      if (format != null && !format.isEmpty()) {
        throw ApiError.badRequest("only the default export format is supported");
      }
      return new ExportRequest(
          TransitKeyExport.Kind.fromWire(ctx.param("type")),
          new KeyName(ctx.param("name")),
          ctx.params().get("version"));
    }
  }

  /** A restore request: the blob, the optional new name from the path, {@code force}. */
  record RestoreRequest(String backup, KeyName name, boolean force) {
    static RestoreRequest from(RequestContext ctx) {
      JsonObject body = ctx.body();
      String backup = Fields.string(body, "backup", "");
      if (backup.isEmpty()) {
        throw ApiError.badRequest("'backup' must be supplied");
      }
      String name = ctx.params().get("name");
      return new RestoreRequest(
          backup, name == null ? null : new KeyName(name), Fields.bool(body, "force", false));
    }

    // The blob is plaintext key material.
    @Override
    public String toString() {
      return "RestoreRequest[" + name + ", force=" + force + ", REDACTED]";
    }
  }

  Future<VaultResponse> export(ExportRequest r, RequestContext ctx) {
    return store
        .find(r.name())
        .map(
            found -> {
              TransitKey key = found.orElseThrow(ApiError::notFound).key();
              if (!key.exportable() && r.kind() != TransitKeyExport.Kind.PUBLIC_KEY) {
                throw ApiError.badRequest("private key material is not exportable");
              }
              TransitKeyExport.checkSupported(r.kind(), key.type());
              JsonObject keys = new JsonObject();
              if (r.version() == null) {
                // Vault archives versions below min_decryption_version; they are not exported.
                key.versions().entrySet().stream()
                    .filter(e -> e.getKey() >= key.minDecryptionVersion())
                    .forEach(
                        e ->
                            keys.put(
                                Integer.toString(e.getKey()),
                                TransitKeyExport.encode(r.kind(), key.type(), e.getValue())));
              } else {
                int n = version(r.version(), key);
                if (n < key.minDecryptionVersion()) {
                  throw ApiError.badRequest(
                      "version for export is below minimum decryption version");
                }
                KeyVersion v = key.version(n);
                if (v == null) {
                  throw ApiError.badRequest("version does not exist or cannot be found");
                }
                keys.put(Integer.toString(n), TransitKeyExport.encode(r.kind(), key.type(), v));
              }
              return VaultResponse.data(
                  new JsonObject()
                      .put("name", key.name())
                      .put("type", key.type().wireName())
                      .put("keys", keys));
            });
  }

  Future<VaultResponse> backup(TransitKeyRoutes.NamedKey r, RequestContext ctx) {
    return store
        .find(r.name())
        .map(
            found -> {
              TransitKey key = found.orElseThrow(ApiError::notFound).key();
              if (!key.exportable()) {
                throw ApiError.badRequest("exporting is disallowed on the policy");
              }
              if (!key.allowPlaintextBackup()) {
                throw ApiError.badRequest("plaintext backup is disallowed on the policy");
              }
              return VaultResponse.data(new JsonObject().put("backup", TransitBackup.encode(key)));
            });
  }

  Future<VaultResponse> restore(RestoreRequest r, RequestContext ctx) {
    TransitKey key;
    try {
      key = TransitBackup.decode(r.backup(), r.name());
    } catch (ApiError e) {
      return Future.failedFuture(e);
    }
    return store
        .restore(new KeyName(key.name()), key, r.force())
        .map(ignored -> VaultResponse.noContent());
  }

  private static int version(String text, TransitKey key) {
    if (text.equals("latest")) {
      return key.latestVersion();
    }
    String digits = text.startsWith("v") ? text.substring(1) : text;
    try {
      int n = Integer.parseInt(digits);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw ApiError.badRequest("invalid key version");
  }
}
