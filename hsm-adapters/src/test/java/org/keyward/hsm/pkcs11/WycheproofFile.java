package org.keyward.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One Wycheproof vector file from {@code src/test/resources/wycheproof/}, and the tally of a run
 * over it: every vector is run, skipped by a named rule, or recorded as {@code acceptable}; a run
 * that covered fewer vectors than its stated minimum fails.
 */
final class WycheproofFile {
  private final String name;
  private final JsonObject json;
  private int ran;
  private int skipped;
  private final List<String> acceptable = new ArrayList<>();
  private final List<String> wrong = new ArrayList<>();

  private WycheproofFile(String name, JsonObject json) {
    this.name = name;
    this.json = json;
  }

  static WycheproofFile load(String name) throws IOException {
    try (InputStream in = WycheproofFile.class.getResourceAsStream("/wycheproof/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource wycheproof/" + name);
      }
      return new WycheproofFile(
          name, new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
  }

  List<JsonObject> groups() {
    List<JsonObject> groups = new ArrayList<>();
    JsonArray array = json.getJsonArray("testGroups");
    for (int i = 0; i < array.size(); i++) {
      groups.add(array.getJsonObject(i));
    }
    return groups;
  }

  static List<JsonObject> tests(JsonObject group) {
    List<JsonObject> tests = new ArrayList<>();
    JsonArray array = group.getJsonArray("tests");
    for (int i = 0; i < array.size(); i++) {
      tests.add(array.getJsonObject(i));
    }
    return tests;
  }

  static byte[] hex(JsonObject test, String field) {
    return HexFormat.of().parseHex(test.getString(field));
  }

  static String result(JsonObject test) {
    return test.getString("result");
  }

  /** Records a vector whose outcome was wrong; {@link #assertCovered} lists them all. */
  void expect(boolean ok, String what) {
    if (!ok) {
      wrong.add(what);
    }
  }

  void ran() {
    ran++;
  }

  void skipped() {
    skipped++;
  }

  /** An {@code acceptable} vector: either outcome is allowed; the outcome is recorded. */
  void acceptable(JsonObject test, boolean passed) {
    acceptable.add(test.getInteger("tcId") + (passed ? ":accepted" : ":rejected"));
    ran++;
  }

  List<String> acceptableOutcomes() {
    return List.copyOf(acceptable);
  }

  int skippedCount() {
    return skipped;
  }

  /** Asserts every vector was accounted for and at least {@code minimumRun} really ran. */
  void assertCovered(int minimumRun) {
    assertEquals(List.of(), wrong, name + ": vectors with the wrong outcome");
    assertEquals(
        json.getInteger("numberOfTests").intValue(), ran + skipped, name + ": vectors unaccounted");
    assertTrue(ran >= minimumRun, name + ": ran " + ran + " vectors, expected >= " + minimumRun);
  }
}
