package org.keyward.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a signed compliance report offline ({@code keyward operator report verify}): the signature
 * in its {@code signature} block over the canonical form of its {@code report} (object keys sorted,
 * no whitespace, RFC 8785 string escapes, integers only), as the server signs it. The key is the
 * one the file names unless one is pinned; only a pinned key, or a {@code key_id} compared with the
 * vault's published audit key, shows who signed.
 */
public final class ComplianceReportSignature {
  /** The report format this verifier knows. */
  public static final String FORMAT = "keyward-compliance-report/1";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private ComplianceReportSignature() {}

  /**
   * What the check found.
   *
   * @param keyId hex SHA-256 of the key the signature verified under (or would have)
   */
  public record Result(boolean valid, String message, String generatedAt, String keyId) {}

  /**
   * Verifies report JSON: the {@code {"report", "signature"}} object or a whole API answer with it
   * under {@code data}. Throws {@link IllegalArgumentException} for input that is not a signed
   * report at all (so a caller can tell "unreadable" from "altered").
   *
   * @param pinned the key that must have signed; null to take the one in the file
   */
  public static Result verify(byte[] json, PublicKey pinned) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("not readable JSON");
    }
    if (root != null && root.has("data") && !root.has("report")) {
      root = root.get("data");
    }
    if (root == null || !root.path("report").isObject() || !root.path("signature").isObject()) {
      throw new IllegalArgumentException("no report and signature object");
    }
    JsonNode report = root.get("report");
    JsonNode sig = root.get("signature");
    String generatedAt = report.path("generated_at").asText("");
    if (!FORMAT.equals(report.path("format").asText())) {
      return new Result(false, "unknown report format", generatedAt, "");
    }
    try {
      byte[] spki = Base64.getDecoder().decode(sig.path("public_key").asText(""));
      PublicKey key = pinned != null ? pinned : publicKey(spki);
      String keyId = HexFormat.of().formatHex(sha256(key.getEncoded()));
      Signature verifier = Signature.getInstance(sig.path("algorithm").asText("SHA256withECDSA"));
      verifier.initVerify(key);
      verifier.update(canonical(report));
      byte[] value = Base64.getDecoder().decode(sig.path("value").asText(""));
      if (!verifier.verify(value)) {
        return new Result(false, "signature does not match the report", generatedAt, keyId);
      }
      return new Result(true, "signature valid", generatedAt, keyId);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return new Result(false, "signature does not verify: " + e.getMessage(), generatedAt, "");
    }
  }

  /** The bytes the server signs: see the class comment. */
  static byte[] canonical(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      fields.forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isTextual()) {
      string(node.asText(), out);
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else if (node.isNull()) {
      out.append("null");
    } else if (node.isIntegralNumber()) {
      out.append(node.bigIntegerValue());
    } else {
      // A fraction was never signed: the report holds integers only.
      throw new IllegalArgumentException("a number with a fraction is not part of a signed report");
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** An X.509 SubjectPublicKeyInfo, EC or RSA. */
  public static PublicKey publicKey(byte[] spki) throws GeneralSecurityException {
    try {
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
    }
  }

  private static byte[] sha256(byte[] b) throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-256").digest(b);
  }
}
