package org.keyward.sys;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.keyward.barrier.KeyAdmin;
import org.keyward.barrier.ReencryptProgress;
import org.keyward.barrier.Reencryption;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * Key rotation through the admin API (patterns relative to the {@code sys/} mount): the keyring
 * ({@code rotate}, {@code key-status}), the HSM KEK ({@code rotate/root}, {@code kek}), and the
 * re-encryption that lets old keyring terms be retired. Every one needs sudo, as Vault's
 * root-protected paths do.
 */
public final class SysRotateRoutes {
  private final KeyAdmin keys;
  private final Reencryption reencryption;

  public SysRotateRoutes(KeyAdmin keys, Reencryption reencryption) {
    this.keys = keys;
    this.reencryption = reencryption;
  }

  public List<Operation<?>> operations() {
    return List.of(
        Operation.write("rotate", NoInput::from, this::rotate).requiringSudo(),
        Operation.read("key-status", NoInput::from, this::keyStatus).requiringSudo(),
        Operation.write("rotate/root", NoInput::from, this::rotateKek).requiringSudo(),
        Operation.read("kek", NoInput::from, this::kekStatus).requiringSudo(),
        Operation.delete("kek/:version", SysRotateRoutes::version, this::destroyKek)
            .requiringSudo(),
        Operation.write("reencrypt", NoInput::from, this::startReencryption).requiringSudo(),
        Operation.read("reencrypt", NoInput::from, this::reencryptionStatus).requiringSudo(),
        Operation.write("keyring/retire", NoInput::from, this::retire).requiringSudo());
  }

  private static Integer version(RequestContext request) {
    String text = request.param("version");
    if (!text.matches("[1-9][0-9]{0,8}")) {
      throw ApiError.badRequest("KEK version must be a positive integer");
    }
    return Integer.valueOf(text);
  }

  private Future<VaultResponse> rotate(NoInput input, RequestContext request) {
    return keys.rotate().map(s -> VaultResponse.noContent());
  }

  private Future<VaultResponse> keyStatus(NoInput input, RequestContext request) {
    KeyAdmin.KeyStatus s = keys.keyStatus();
    return Future.succeededFuture(
        VaultResponse.sysData(
            new JsonObject()
                .put("term", s.term())
                .put("install_time", s.installTime().toString())
                .put("encryptions", s.encryptions())));
  }

  private Future<VaultResponse> rotateKek(NoInput input, RequestContext request) {
    return keys.rotateKek().map(v -> VaultResponse.sysData(new JsonObject().put("kek_version", v)));
  }

  private Future<VaultResponse> kekStatus(NoInput input, RequestContext request) {
    return keys.kekStatus()
        .map(
            s ->
                VaultResponse.sysData(
                    new JsonObject()
                        .put("versions", new JsonArray(List.copyOf(s.versions())))
                        .put("in_use", s.inUse())));
  }

  private Future<VaultResponse> destroyKek(Integer version, RequestContext request) {
    return keys.destroyKek(version).map(v -> VaultResponse.noContent());
  }

  private Future<VaultResponse> startReencryption(NoInput input, RequestContext request) {
    return reencryption.start().map(p -> VaultResponse.sysData(progress(p)));
  }

  private Future<VaultResponse> reencryptionStatus(NoInput input, RequestContext request) {
    return reencryption.status().map(p -> VaultResponse.sysData(progress(p)));
  }

  private Future<VaultResponse> retire(NoInput input, RequestContext request) {
    return keys.retireOlderTerms()
        .map(
            terms ->
                VaultResponse.sysData(
                    new JsonObject().put("retired_terms", new JsonArray(List.copyOf(terms)))));
  }

  private static JsonObject progress(ReencryptProgress p) {
    return new JsonObject()
        .put("state", p.state())
        .put("target_term", p.targetTerm())
        .put("rewritten", p.rewritten())
        .put("remaining", p.remaining())
        .put("failed", p.failed())
        .put("started_at", p.startedAt() == null ? null : p.startedAt().toString())
        .put("finished_at", p.finishedAt() == null ? null : p.finishedAt().toString());
  }
}
