package org.keyward.auth.approle;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keyward.http.ApiError;
import org.keyward.view.StorageView;
import org.keyward.view.StoredValue;
import org.keyward.view.ViewOp;

/**
 * Roles and the role-id index of one AppRole mount. Layout under the mount's view: {@code
 * role/<name>} (the role as JSON) and {@code role-id/<hmac(role id)>} (the role's name). Every
 * change of a role and its index is one transaction that expects the revisions it read, so two
 * concurrent writers cannot leave an index pointing at the wrong role; the loser's request fails
 * and nothing of it is applied.
 */
final class AppRoleStore {
  private final StorageView view;
  private final MountKey mountKey;
  private final SecretIdStore secretIds;

  AppRoleStore(StorageView view, MountKey mountKey, SecretIdStore secretIds) {
    this.view = view;
    this.mountKey = mountKey;
    this.secretIds = secretIds;
  }

  Future<Optional<AppRoleRole>> role(RoleName name) {
    return view.get(roleKey(name)).map(o -> o.map(AppRoleStore::decode));
  }

  /** The role {@code roleId} belongs to; exact match on the id as stored. */
  Future<Optional<AppRoleRole>> roleByRoleId(String roleId) {
    return mountKey
        .hash("role-id", roleId)
        .compose(h -> view.get("role-id/" + h))
        .compose(
            name ->
                name.isEmpty()
                    ? Future.succeededFuture(Optional.<AppRoleRole>empty())
                    : role(RoleName.of(new String(name.get(), StandardCharsets.UTF_8))))
        .map(r -> r.filter(found -> found.roleId().equals(roleId)));
  }

  /** Creates the role (with a fresh random role id) or updates the fields {@code s} names. */
  Future<Void> write(RoleSettings s) {
    String key = roleKey(s.role());
    return view.read(key)
        .compose(
            current -> {
              if (current.isPresent()) {
                AppRoleRole updated = decode(current.get().plaintext()).apply(s);
                return view.transaction(
                    List.of(
                        ViewOp.expect(key, current.get().revision()),
                        ViewOp.put(key, encode(updated))));
              }
              AppRoleRole created = AppRoleRole.create(s.role().value(), RandomIds.next(), s);
              return mountKey
                  .hash("role-id", created.roleId())
                  .compose(
                      h ->
                          view.transaction(
                              List.of(
                                  ViewOp.expect(key, null),
                                  ViewOp.expect("role-id/" + h, null),
                                  ViewOp.put(key, encode(created)),
                                  ViewOp.put("role-id/" + h, nameBytes(created)))));
            });
  }

  /** Replaces the role id; 400 if another role already uses {@code roleId}. */
  Future<Void> setRoleId(RoleName name, String roleId) {
    String key = roleKey(name);
    return view.read(key)
        .compose(
            current -> {
              StoredValue stored = current.orElseThrow(() -> roleNotFound(name));
              AppRoleRole role = decode(stored.plaintext());
              if (role.roleId().equals(roleId)) {
                return Future.succeededFuture();
              }
              return mountKey
                  .hash("role-id", role.roleId())
                  .compose(
                      oldHash ->
                          mountKey
                              .hash("role-id", roleId)
                              .compose(
                                  newHash ->
                                      replaceRoleId(stored, role, roleId, oldHash, newHash)));
            });
  }

  // The expectations make the swap atomic: the role unchanged since read, the new id still free.
  private Future<Void> replaceRoleId(
      StoredValue stored, AppRoleRole role, String roleId, String oldHash, String newHash) {
    String newIndex = "role-id/" + newHash;
    return view.get(newIndex)
        .compose(
            taken -> {
              if (taken.isPresent()) {
                return Future.failedFuture(ApiError.badRequest("role_id already in use"));
              }
              AppRoleRole updated = role.withRoleId(roleId);
              String key = roleKey(new RoleName(role.name()));
              return view.transaction(
                  List.of(
                      ViewOp.expect(key, stored.revision()),
                      ViewOp.expect(newIndex, null),
                      ViewOp.delete("role-id/" + oldHash),
                      ViewOp.put(key, encode(updated)),
                      ViewOp.put(newIndex, nameBytes(updated))));
            });
  }

  /** Deletes the role, its index entry and all its secret ids; no-op if absent. */
  Future<Void> delete(RoleName name) {
    String key = roleKey(name);
    return view.read(key)
        .compose(
            current -> {
              if (current.isEmpty()) {
                return Future.succeededFuture();
              }
              AppRoleRole role = decode(current.get().plaintext());
              return mountKey
                  .hash("role-id", role.roleId())
                  .compose(
                      h ->
                          secretIds
                              .deleteAllOps(name)
                              .compose(
                                  secretOps -> {
                                    List<ViewOp> ops = new ArrayList<>(secretOps);
                                    ops.add(ViewOp.expect(key, current.get().revision()));
                                    ops.add(ViewOp.delete(key));
                                    ops.add(ViewOp.delete("role-id/" + h));
                                    return view.transaction(ops);
                                  }));
            });
  }

  Future<List<String>> names() {
    return view.list("role/")
        .map(keys -> keys.stream().filter(k -> !k.endsWith("/")).sorted().toList());
  }

  static ApiError roleNotFound(RoleName name) {
    return ApiError.badRequest("role \"" + name.value() + "\" does not exist");
  }

  private static String roleKey(RoleName name) {
    return "role/" + name.value();
  }

  private static byte[] nameBytes(AppRoleRole role) {
    return role.name().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] encode(AppRoleRole role) {
    return role.toJson().toBuffer().getBytes();
  }

  private static AppRoleRole decode(byte[] bytes) {
    return AppRoleRole.fromJson(new JsonObject(Buffer.buffer(bytes)));
  }
}
