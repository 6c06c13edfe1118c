package org.keyward.sys;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;
import org.keyward.barrier.SealControl;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code sys/init} as Vault answers it with an HSM seal (patterns are relative to the {@code sys/}
 * mount). The first {@code PUT} makes the KEK and keyring, then the root token; the root token and
 * the recovery key are in that one response and nowhere else.
 */
public final class SysInitRoutes {
  private final SealControl seal;
  private final RootTokenIssuer tokens;
  private final Supplier<Future<Void>> firstInit;

  public SysInitRoutes(SealControl seal, RootTokenIssuer tokens) {
    this(seal, tokens, Future::succeededFuture);
  }

  /**
   * @param firstInit runs once, right after the keyring is made and before the root token is issued
   *     (e.g. loading the shipped policies); its failure fails the init response
   */
  public SysInitRoutes(SealControl seal, RootTokenIssuer tokens, Supplier<Future<Void>> firstInit) {
    this.seal = seal;
    this.tokens = tokens;
    this.firstInit = firstInit;
  }

  public List<Operation<?>> operations() {
    return List.of(
        Operation.read("init", NoInput::from, this::status)
            .with(Operation.Flag.UNAUTHENTICATED, Operation.Flag.WHILE_SEALED),
        Operation.write("init", InitRequest::from, this::initialize)
            .with(Operation.Flag.UNAUTHENTICATED, Operation.Flag.WHILE_SEALED));
  }

  private Future<VaultResponse> status(NoInput input, RequestContext request) {
    return Future.succeededFuture(
        VaultResponse.flat(200, new JsonObject().put("initialized", seal.isInitialized())));
  }

  private Future<VaultResponse> initialize(InitRequest input, RequestContext request) {
    // The keyring must exist and be unsealed before the token store can write the root token.
    return seal.initialize()
        .compose(recovery -> firstInit.get().map(recovery))
        .compose(
            recovery ->
                tokens
                    .issueRootToken()
                    .map(
                        root ->
                            VaultResponse.flat(
                                200,
                                new JsonObject()
                                    .put("keys", new JsonArray())
                                    .put("keys_base64", new JsonArray())
                                    .put("recovery_keys", new JsonArray().add(recovery.revealHex()))
                                    .put(
                                        "recovery_keys_base64",
                                        new JsonArray().add(recovery.revealBase64()))
                                    .put("root_token", root))));
  }

  /**
   * Dev mode: initialises (if needed) and makes {@code rootTokenId} a root token. The recovery key
   * is discarded, as a dev vault's data is disposable.
   */
  public Future<Void> initializeForDev(String rootTokenId) {
    Future<?> ready =
        seal.isInitialized()
            ? seal.unseal()
            : seal.initialize().compose(recovery -> firstInit.get());
    return ready.compose(v -> tokens.issueRootToken(rootTokenId)).mapEmpty();
  }
}
