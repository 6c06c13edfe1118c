package org.keyward.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A successful answer: status, the body as JSON (a missing node for an empty or non-JSON body) and
 * the raw bytes (PEM, DER). {@code data} and {@code auth} are Vault's envelope fields. Its {@code
 * toString()} shows no body: the body may hold secrets.
 */
public final class VaultReply {
  private final int status;
  private final byte[] body;
  private final JsonNode json;
  private final String requestId;

  VaultReply(int status, byte[] body, JsonNode json, String requestId) {
    this.status = status;
    this.body = body;
    this.json = json == null ? MissingNode.getInstance() : json;
    this.requestId = requestId;
  }

  public int status() {
    return status;
  }

  /** The whole JSON body ({@link MissingNode} when there is none). */
  public JsonNode json() {
    return json;
  }

  /** The envelope's {@code data} (a missing node when absent). */
  public JsonNode data() {
    return json.path("data");
  }

  /** The envelope's {@code auth} (logins, token create and renew). */
  public JsonNode auth() {
    return json.path("auth");
  }

  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    json.path("warnings").forEach(w -> out.add(w.asText()));
    return out;
  }

  /** The raw body (a copy). */
  public byte[] body() {
    return body.clone();
  }

  /** The raw body as text (PEM answers). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public String requestId() {
    return requestId;
  }

  @Override
  public String toString() {
    return "VaultReply[" + status + ", request id " + requestId + "]";
  }
}
