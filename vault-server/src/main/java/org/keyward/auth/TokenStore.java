package org.keyward.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keyward.concurrent.KeyedSerialQueue;
import org.keyward.http.ApiError;
import org.keyward.http.ClientToken;
import org.keyward.view.CompareAndSet;
import org.keyward.view.CompareAndSet.Plan;
import org.keyward.view.StorageView;
import org.keyward.view.ViewOp;

/**
 * Issues, finds, renews and revokes tokens. Tokens are {@code hvs.} plus 256 random bits; storage
 * holds only their HMAC ({@link TokenHasher}) under a key generated on first use and kept in the
 * same view. Layout: {@code hmac-key}, {@code id/<hash>} (the entry), {@code accessor/<accessor>}
 * (the hash), {@code parent/<parent accessor>/<child accessor>} (the revocation tree).
 *
 * <p>Known tokens are answered from {@link TokenCache}; a miss reads storage once. Revocation
 * tombstones the cache before touching storage, so a revoked or expired token stops working at
 * once. All methods are non-blocking and safe from any thread.
 */
public final class TokenStore {
  private static final System.Logger LOG = System.getLogger(TokenStore.class.getName());

  /** Vault's system default and maximum token TTL (768h), used when a request names none. */
  public static final long MAX_TTL_SECONDS = 768L * 3600;

  private static final String PREFIX = "hvs.";
  private static final int TOKEN_BYTES = 32;
  private static final int ACCESSOR_BYTES = 18;
  private static final String HMAC_KEY = "hmac-key";
  private static final int RENEW_ATTEMPTS = 5;
  private static final int USE_ATTEMPTS = 5;

  private final StorageView view;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final TokenCache cache = new TokenCache();
  private final KeyedSerialQueue uses = new KeyedSerialQueue();
  private final TokenRevoker revoker;
  private volatile Future<TokenHasher> hasher;

  public TokenStore(StorageView view, Clock clock) {
    this.view = view;
    this.clock = clock;
    this.revoker = new TokenRevoker(view, cache, this::now);
  }

  long now() {
    return clock.instant().getEpochSecond();
  }

  /**
   * The entry of a token presented for a request, counting one use down. Fails with {@link
   * ApiError#permissionDenied()} for a malformed, unknown, revoked, expired or used-up token.
   */
  public Future<TokenEntry> authenticate(ClientToken token) {
    String value = token.reveal();
    if (!wellFormed(value)) {
      return Future.failedFuture(ApiError.permissionDenied());
    }
    return hash(value).compose(this::entryByHash).compose(this::useOnce);
  }

  /** The live entry of {@code token}, without counting a use; empty if unknown or expired. */
  public Future<Optional<TokenEntry>> lookup(String token) {
    if (!wellFormed(token)) {
      return Future.succeededFuture(Optional.empty());
    }
    return hash(token)
        .compose(this::entryByHash)
        .map(Optional::of)
        .recover(e -> isUnknown(e) ? Future.succeededFuture(Optional.empty()) : fail(e));
  }

  /** The live entry with this accessor; empty if unknown or expired. */
  public Future<Optional<TokenEntry>> lookupAccessor(String accessor) {
    if (accessor.isEmpty() || accessor.contains("/")) {
      return Future.succeededFuture(Optional.empty());
    }
    return view.get("accessor/" + accessor)
        .compose(
            row -> {
              if (row.isEmpty()) {
                return Future.succeededFuture(Optional.<TokenEntry>empty());
              }
              String hash =
                  new JsonObject(new String(row.get(), StandardCharsets.UTF_8)).getString("hash");
              return entryByHash(hash)
                  .map(Optional::of)
                  .recover(e -> isUnknown(e) ? Future.succeededFuture(Optional.empty()) : fail(e));
            });
  }

  /**
   * Creates a child of {@code parent} (or an orphan) from a validated request, by the rules of
   * {@link ChildTokenRules}: a non-root parent may only hand out a subset of its own policies and
   * may not create orphans (except through {@code create-orphan}: {@code orphanPath}); a child
   * never outlives its parent.
   */
  public Future<IssuedToken> create(CreateTokenRequest req, TokenEntry parent) {
    return create(req, parent, false);
  }

  public Future<IssuedToken> create(CreateTokenRequest req, TokenEntry parent, boolean orphanPath) {
    String token = PREFIX + randomBase64(TOKEN_BYTES);
    return hash(token)
        .compose(
            hash -> {
              TokenEntry entry =
                  ChildTokenRules.child(
                      req, parent, orphanPath, now(), hash, randomBase64(ACCESSOR_BYTES));
              return persistNew(entry).map(v -> new IssuedToken(token, entry));
            });
  }

  public Future<String> issueRootToken() {
    return issueRootToken(PREFIX + randomBase64(TOKEN_BYTES));
  }

  /** Stores a root token with this id; succeeds without change if it already exists. */
  public Future<String> issueRootToken(String id) {
    if (!wellFormed(id)) {
      return Future.failedFuture(
          new IllegalArgumentException("root token id must be printable ASCII"));
    }
    return hash(id)
        .compose(
            hash ->
                view.get("id/" + hash)
                    .compose(
                        existing ->
                            existing.isPresent()
                                ? Future.succeededFuture()
                                : persistNew(
                                    TokenEntry.root(hash, randomBase64(ACCESSOR_BYTES), now()))))
        .map(v -> id);
  }

  /**
   * Extends {@code entry} by {@code increment} seconds (0: its original TTL), never past its
   * explicit max TTL or the system maximum from its creation. A token that never expires is
   * returned unchanged. Fails with 400 if the token is not renewable.
   */
  public Future<TokenEntry> renew(TokenEntry entry, long increment) {
    if (entry.expireTime() == 0) {
      return Future.succeededFuture(entry);
    }
    if (!entry.renewable()) {
      return Future.failedFuture(ApiError.badRequest("token is not renewable"));
    }
    String key = "id/" + entry.hash();
    // Guarded by the stored revision, so a renewal racing a revocation cannot bring it back.
    return CompareAndSet.update(
            view,
            key,
            RENEW_ATTEMPTS,
            stored -> {
              if (stored.isEmpty()) {
                return Future.failedFuture(ApiError.permissionDenied());
              }
              // The cache counts uses down before storage does: start from its entry when it has
              // one.
              TokenEntry base =
                  cache
                      .get(entry.hash())
                      .orElseGet(() -> TokenEntry.fromBytes(stored.get().plaintext()));
              long now = now();
              TokenEntry renewed =
                  base.withExpireTime(ChildTokenRules.renewedExpiry(base, increment, now));
              return Future.succeededFuture(
                  Plan.write(List.of(ViewOp.put(key, renewed.toBytes())), renewed));
            })
        .onSuccess(
            renewed ->
                cache.update(entry.hash(), e -> e.withExpireTime(renewed.expireTime()), now()));
  }

  /** Revokes {@code entry} and every token it created, transitively. */
  public Future<Void> revoke(TokenEntry entry) {
    return revoker.revokeTree(entry);
  }

  /** Revokes every expired token (and its children) found in storage; returns how many. */
  public Future<Integer> sweepExpired() {
    long now = now();
    cache.purge(now);
    return revoker.revokeWhere(e -> e.expiredAt(now));
  }

  /**
   * Revokes every token (and its children) whose login path starts with {@code pathPrefix}, e.g.
   * {@code auth/approle/} once that auth method is disabled; returns how many. A scan of all
   * tokens, like {@link #sweepExpired()}: fine for an administrative call, never on a request path.
   */
  public Future<Integer> revokeByPathPrefix(String pathPrefix) {
    if (pathPrefix.isEmpty() || !pathPrefix.endsWith("/")) {
      return Future.failedFuture(new IllegalArgumentException("prefix must end with '/'"));
    }
    return revoker.revokeWhere(e -> e.path().startsWith(pathPrefix));
  }

  /**
   * Revokes every token (and its children) whose metadata holds every entry of {@code match}, e.g.
   * the tokens a certificate login obtained with a certificate that is now revoked; returns how
   * many. A scan of all tokens, like {@link #revokeByPathPrefix}.
   */
  public Future<Integer> revokeByMetadata(Map<String, String> match) {
    if (match.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("match must not be empty"));
    }
    return revoker.revokeWhere(e -> e.meta().entrySet().containsAll(match.entrySet()));
  }

  /**
   * Every stored token entry, expired ones included until swept; for the compliance report. A scan
   * of all tokens, like {@link #sweepExpired()}: never on a request path. Holds no token ids.
   */
  public Future<List<TokenEntry>> entries() {
    return view.list("id/")
        .compose(
            hashes -> {
              List<Future<Optional<byte[]>>> reads = new ArrayList<>();
              hashes.forEach(h -> reads.add(view.get("id/" + h)));
              return Future.all(reads)
                  .map(
                      all -> {
                        List<TokenEntry> out = new ArrayList<>();
                        reads.forEach(
                            f -> f.result().map(TokenEntry::fromBytes).ifPresent(out::add));
                        return out;
                      });
            });
  }

  /**
   * Stores a new orphan token for a successful login, as {@link LoginTokens#entry} builds it from
   * the grant. Login tokens have no parent: revoking the token that enabled the method leaves them.
   */
  public Future<IssuedToken> createForLogin(TokenGrant grant, String displayName) {
    String token = PREFIX + randomBase64(TOKEN_BYTES);
    return hash(token)
        .compose(
            hash -> {
              TokenEntry entry =
                  LoginTokens.entry(grant, displayName, now(), hash, randomBase64(ACCESSOR_BYTES));
              return persistNew(entry).map(v -> new IssuedToken(token, entry));
            });
  }

  /**
   * Forgets cached entries and the HMAC key (on seal, so nothing is served from memory while
   * sealed); both are read again from storage after unseal.
   */
  public void clearCache() {
    cache.clear();
    hasher = null;
  }

  Future<String> hash(String token) {
    return hasher().map(h -> h.hash(token));
  }

  /**
   * The refusal {@link #entryByHash} ends in for an unknown, revoked or expired token. Anything
   * else (sealed, an entry failing its integrity check, storage down) is not "no such token" and
   * must reach the caller as what it is.
   */
  private static boolean isUnknown(Throwable e) {
    return e instanceof ApiError api && api.status() == 403;
  }

  private Future<TokenEntry> entryByHash(String hash) {
    Future<Optional<TokenEntry>> found =
        cache.knows(hash)
            ? Future.succeededFuture(cache.get(hash))
            : view.get("id/" + hash)
                .map(row -> row.map(TokenEntry::fromBytes).flatMap(cache::putLoaded));
    return found.compose(
        entry -> {
          if (entry.isEmpty()) {
            return Future.failedFuture(ApiError.permissionDenied());
          }
          if (entry.get().expiredAt(now())) {
            // Refuse now; storage catches up in the background (and the sweeper retries).
            revoke(entry.get())
                .onFailure(
                    e ->
                        LOG.log(
                            System.Logger.Level.WARNING,
                            "revoking expired token "
                                + entry.get().accessor()
                                + " failed: "
                                + e.getClass().getSimpleName()));
            return Future.failedFuture(ApiError.permissionDenied());
          }
          return Future.succeededFuture(entry.get());
        });
  }

  private Future<TokenEntry> useOnce(TokenEntry entry) {
    if (entry.numUses() == 0) {
      return Future.succeededFuture(entry);
    }
    // One use of a token at a time on this node, so its own requests never lose a race; the
    // stored revision stops another node (or a revocation) spending the same use meanwhile.
    return uses.run(entry.hash(), () -> spendUse(entry));
  }

  /** Counts one use down in storage, from the count stored, not the one cached. */
  private Future<TokenEntry> spendUse(TokenEntry entry) {
    String key = "id/" + entry.hash();
    return CompareAndSet.update(
            view,
            key,
            USE_ATTEMPTS,
            stored -> {
              if (stored.isEmpty()) {
                return Future.failedFuture(ApiError.permissionDenied());
              }
              TokenEntry current = TokenEntry.fromBytes(stored.get().plaintext());
              if (current.numUses() <= 1) {
                // The last use: the token leaves storage in the write that grants it.
                return Future.succeededFuture(
                    Plan.write(List.of(ViewOp.delete(key)), current.withNumUses(0)));
              }
              TokenEntry next = current.withNumUses(current.numUses() - 1);
              return Future.succeededFuture(
                  Plan.write(List.of(ViewOp.put(key, next.toBytes())), next));
            })
        .recover(
            e -> {
              if (isUnknown(e)) {
                cache.revoke(entry.hash(), now());
              }
              return Future.failedFuture(e);
            })
        .compose(
            spent -> {
              if (spent.numUses() == 0) {
                // The rest of the tree (accessor, children) goes before the use is granted.
                return revoke(entry).map(spent);
              }
              cache.update(entry.hash(), e -> spent, now());
              return Future.succeededFuture(spent);
            });
  }

  private Future<Void> persistNew(TokenEntry entry) {
    List<ViewOp> ops = new ArrayList<>();
    ops.add(ViewOp.expect("id/" + entry.hash(), null));
    ops.add(ViewOp.put("id/" + entry.hash(), entry.toBytes()));
    ops.add(
        ViewOp.put(
            "accessor/" + entry.accessor(),
            new JsonObject().put("hash", entry.hash()).toBuffer().getBytes()));
    if (!entry.parentAccessor().isEmpty()) {
      ops.add(ViewOp.put("parent/" + entry.parentAccessor() + "/" + entry.accessor(), new byte[0]));
    }
    return view.transaction(ops).onSuccess(v -> cache.put(entry));
  }

  private Future<TokenHasher> hasher() {
    Future<TokenHasher> current = hasher;
    if (current != null && !current.failed()) {
      return current;
    }
    Future<TokenHasher> loading = TokenHasher.loadOrCreate(view, HMAC_KEY, random);
    hasher = loading;
    return loading;
  }

  private String randomBase64(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Printable ASCII without spaces; anything else cannot be one of ours. */
  private static boolean wellFormed(String token) {
    if (token == null || token.isEmpty() || token.length() > 512) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static <T> Future<T> fail(Throwable e) {
    return Future.failedFuture(e);
  }
}
