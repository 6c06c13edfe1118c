package org.keyward.barrier;

import com.google.crypto.tink.Aead;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.keyward.hsm.KeyRef;

/**
 * The raw row {@code core/keyring}: the keyring encrypted under one KEK version, that version, and
 * the term metadata. It lives outside the barrier (the barrier cannot open anything before it is
 * read). The row key and the term metadata are the associated data of the wrap, so a row moved or a
 * term edited fails to unwrap.
 */
record KeyringRow(KeyRef kek, byte[] wrappedKeyset, List<KeyringTerm> terms) {
  static final String KEY = "core/keyring";
  private static final int FORMAT = 1;

  KeyringRow {
    terms = List.copyOf(terms);
    wrappedKeyset = wrappedKeyset.clone();
  }

  /** Wraps {@code keyring} under {@code kekAead}, the KEK named {@code kek}. Calls the HSM. */
  static KeyringRow wrap(Keyring keyring, KeyRef kek, Aead kekAead)
      throws GeneralSecurityException {
    return new KeyringRow(
        kek, keyring.wrap(kekAead, associatedData(keyring.terms())), keyring.terms());
  }

  /** Opens the keyring with {@code kekAead}. Calls the HSM; fails if the row was altered. */
  Keyring unwrap(Aead kekAead) throws GeneralSecurityException {
    return Keyring.unwrap(wrappedKeyset, kekAead, associatedData(terms), terms);
  }

  static byte[] associatedData(List<KeyringTerm> terms) {
    return (KEY + "\n" + Keyring.canonicalTerms(terms)).getBytes(StandardCharsets.UTF_8);
  }

  byte[] toBytes() {
    return new JsonObject()
        .put("format", FORMAT)
        .put("kek", new JsonObject().put("name", kek.name()).put("version", kek.version()))
        .put("keyset", Base64.getEncoder().encodeToString(wrappedKeyset))
        .put("terms", termsJson(terms))
        .toBuffer()
        .getBytes();
  }

  /** Parses the row; a malformed row is an integrity failure, since only Keyward writes it. */
  static KeyringRow parse(byte[] bytes) {
    try {
      JsonObject json = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
      if (json.getInteger("format", 0) != FORMAT) {
        throw new IllegalArgumentException("unknown keyring format");
      }
      JsonObject kek = json.getJsonObject("kek");
      return new KeyringRow(
          new KeyRef(kek.getString("name"), kek.getInteger("version")),
          Base64.getDecoder().decode(json.getString("keyset")),
          parseTerms(json.getJsonArray("terms")));
    } catch (RuntimeException e) {
      // DecodeException, ClassCastException, NullPointerException, DateTimeParseException...
      throw new BarrierIntegrityException(KEY, e);
    }
  }

  static JsonArray termsJson(List<KeyringTerm> terms) {
    JsonArray out = new JsonArray();
    for (KeyringTerm t : terms) {
      out.add(
          new JsonObject()
              .put("term", t.term())
              .put("key_id", Integer.toUnsignedLong(t.keyId()))
              .put("install_time", t.installTime().toString()));
    }
    return out;
  }

  static List<KeyringTerm> parseTerms(JsonArray array) {
    List<KeyringTerm> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject t = array.getJsonObject(i);
      out.add(
          new KeyringTerm(
              t.getInteger("term"),
              (int) (long) t.getLong("key_id"),
              Instant.parse(t.getString("install_time"))));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("keyring has no terms");
    }
    return out;
  }
}
