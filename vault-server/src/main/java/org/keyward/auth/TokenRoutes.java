package org.keyward.auth;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * The {@code auth/token/} paths: lookup, create, renew and revoke, of the caller's own token, of a
 * token named in the body, or by accessor. Answers in Vault's shapes ({@code data} for lookups, the
 * {@code auth} block for create and renew, 204 for revocations).
 */
public final class TokenRoutes {
  /** Where the wiring mounts these operations. */
  public static final String MOUNT_PATH = "auth/token/";

  public static final String MOUNT_TYPE = "token";

  private final TokenStore store;

  public TokenRoutes(TokenStore store) {
    this.store = store;
  }

  public List<Operation<?>> operations() {
    return List.of(
        Operation.read("lookup-self", TokenOperand::none, this::lookupSelf),
        Operation.write("lookup-self", TokenOperand::none, this::lookupSelf),
        Operation.write("lookup", TokenOperand::token, this::lookup),
        Operation.write("lookup-accessor", TokenOperand::accessor, this::lookupAccessor),
        Operation.write("create", CreateTokenRequest::from, this::create),
        Operation.write("create-orphan", CreateTokenRequest::from, this::createOrphan),
        Operation.write("renew-self", TokenOperand::renewSelf, this::renewSelf),
        Operation.write("renew", TokenOperand::renew, this::renew),
        Operation.write("revoke-self", TokenOperand::none, this::revokeSelf),
        Operation.write("revoke", TokenOperand::token, this::revoke),
        Operation.write("revoke-accessor", TokenOperand::accessor, this::revokeAccessor));
  }

  private Future<VaultResponse> lookupSelf(TokenOperand in, RequestContext request) {
    String token = callerToken(request);
    return self(request)
        .map(e -> VaultResponse.data(TokenResponses.lookupData(e, token, store.now())));
  }

  private Future<VaultResponse> lookup(TokenOperand in, RequestContext request) {
    return store
        .lookup(in.value())
        .map(e -> e.orElseThrow(() -> ApiError.of(403, "bad token")))
        .map(e -> VaultResponse.data(TokenResponses.lookupData(e, in.value(), store.now())));
  }

  private Future<VaultResponse> lookupAccessor(TokenOperand in, RequestContext request) {
    return store
        .lookupAccessor(in.value())
        .map(e -> e.orElseThrow(() -> ApiError.badRequest("invalid accessor")))
        .map(e -> VaultResponse.data(TokenResponses.lookupData(e, "", store.now())));
  }

  private Future<VaultResponse> create(CreateTokenRequest in, RequestContext request) {
    return self(request)
        .compose(parent -> store.create(in, parent))
        .map(t -> VaultResponse.auth(TokenResponses.auth(t.entry(), t.token(), store.now())));
  }

  private Future<VaultResponse> createOrphan(CreateTokenRequest in, RequestContext request) {
    return self(request)
        .compose(parent -> store.create(in.asOrphan(), parent, true))
        .map(t -> VaultResponse.auth(TokenResponses.auth(t.entry(), t.token(), store.now())));
  }

  private Future<VaultResponse> renewSelf(TokenOperand in, RequestContext request) {
    String token = callerToken(request);
    return self(request).compose(e -> renewed(e, token, in.increment()));
  }

  private Future<VaultResponse> renew(TokenOperand in, RequestContext request) {
    return store
        .lookup(in.value())
        .map(e -> e.orElseThrow(() -> ApiError.badRequest("token not found")))
        .compose(e -> renewed(e, in.value(), in.increment()));
  }

  private Future<VaultResponse> renewed(TokenEntry entry, String token, long increment) {
    return store
        .renew(entry, increment)
        .map(
            e -> {
              VaultResponse response =
                  VaultResponse.auth(TokenResponses.auth(e, token, store.now()));
              long asked = store.now() + increment;
              return increment > 0 && e.expireTime() != 0 && e.expireTime() < asked
                  ? response.withWarnings(
                      List.of(
                          "TTL of \""
                              + increment
                              + "s\" exceeded the effective max_ttl; TTL value is capped"
                              + " accordingly"))
                  : response;
            });
  }

  private Future<VaultResponse> revokeSelf(TokenOperand in, RequestContext request) {
    return self(request).compose(store::revoke).map(v -> VaultResponse.noContent());
  }

  private Future<VaultResponse> revoke(TokenOperand in, RequestContext request) {
    return store
        .lookup(in.value())
        .map(e -> e.orElseThrow(() -> ApiError.badRequest("token to revoke not found")))
        .compose(store::revoke)
        .map(v -> VaultResponse.noContent());
  }

  private Future<VaultResponse> revokeAccessor(TokenOperand in, RequestContext request) {
    return store
        .lookupAccessor(in.value())
        .map(e -> e.orElseThrow(() -> ApiError.badRequest("invalid accessor")))
        .compose(store::revoke)
        .map(v -> VaultResponse.noContent());
  }

  /** The caller's own entry; the pipeline authenticated it, so a miss means it just ran out. */
  private Future<TokenEntry> self(RequestContext request) {
    return store.lookup(callerToken(request)).map(TokenRoutes::orDenied);
  }

  private static TokenEntry orDenied(Optional<TokenEntry> entry) {
    return entry.orElseThrow(ApiError::permissionDenied);
  }

  private static String callerToken(RequestContext request) {
    return request.token().orElseThrow(ApiError::permissionDenied).reveal();
  }
}
