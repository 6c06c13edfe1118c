package org.keyward.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.keyward.http.VaultResponse;

/** A {@link LoginTokenIssuer} double: records every grant and answers Vault's auth block shape. */
public final class RecordingTokenIssuer implements LoginTokenIssuer {
  private final List<TokenGrant> grants = new CopyOnWriteArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();

  @Override
  public Future<VaultResponse> issue(TokenGrant grant) {
    grants.add(grant);
    int n = counter.incrementAndGet();
    JsonObject metadata = new JsonObject();
    grant.metadata().forEach(metadata::put);
    return Future.succeededFuture(
        VaultResponse.auth(
            new JsonObject()
                .put("client_token", "test-token-" + n)
                .put("accessor", "test-accessor-" + n)
                .put("policies", new JsonArray(grant.policies()))
                .put("token_policies", new JsonArray(grant.policies()))
                .put("metadata", metadata)
                .put("lease_duration", grant.ttlSeconds())
                .put("renewable", grant.renewable())
                .put("entity_id", "")
                .put("token_type", "service")
                .put("orphan", true)
                .put("num_uses", grant.numUses())));
  }

  public List<TokenGrant> grants() {
    return List.copyOf(grants);
  }
}
