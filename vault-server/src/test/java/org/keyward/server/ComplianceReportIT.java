package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.compliance.CanonicalJson;
import org.keyward.server.VaultTestServer.Response;
import org.w3c.dom.Document;

/**
 * The compliance report of a vault set up with a known state: a transit key past the age its policy
 * pattern allows, a certificate expiring in 3 days, the dev root token outstanding, an intact and a
 * tampered audit file. The JSON names exactly those findings; the HTML page parses, holds the same
 * findings and both SVG charts, and renders in headless Chromium; the signature holds until the
 * report is edited; the auditor reads the report and the SBOM but no secret.
 */
class ComplianceReportIT {
  @TempDir static Path dir;
  static VaultTestServer server;
  static JsonObject signed;
  static String html;

  @BeforeAll
  static void setUp() throws Exception {
    server = VaultTestServer.startDev(dir.resolve("data"));
    for (String name : List.of("good", "bad")) {
      ok(
          server.call(
              "PUT",
              "/v1/sys/audit/" + name,
              VaultTestServer.ROOT,
              new JsonObject()
                  .put("type", "file")
                  .put(
                      "options",
                      new JsonObject()
                          .put("file_path", name + ".log")
                          .put("checkpoint_records", "2"))));
    }
    ok(
        server.post(
            "/v1/sys/config/key-policy",
            new JsonObject()
                .put("transit_max_age_by_pattern", new JsonObject().put("legacy-*", 180))
                .put("certificate_warn_days", 30)));
    ok(server.post("/v1/transit/keys/orders", new JsonObject()));
    restoreAgedKey("legacy-orders", Duration.ofDays(400));
    ok(
        server.post(
            "/v1/pki/roles/report-test",
            new JsonObject()
                .put("allowed_domains", new JsonArray().add("example.net"))
                .put("allow_subdomains", true)
                .put("max_ttl", "720h")));
    ok(
        server.post(
            "/v1/pki/issue/report-test",
            new JsonObject().put("common_name", "short.example.net").put("ttl", "80h")));
    setUpPeople();
    tamper(dir.resolve("data").resolve("audit").resolve("bad.log"));

    // The JSON and the HTML report are built by two requests, each at its own "now": fetch them
    // again if a day count (a certificate's days left) turned over between the two.
    for (int attempt = 1; ; attempt++) {
      signed = report();
      Response page = server.get("/v1/sys/compliance/report?format=html");
      assertEquals(200, page.status(), page::body);
      html = page.body();
      if (findings(report()).equals(findings(signed)) || attempt == 3) {
        break;
      }
    }
  }

  private static JsonObject report() {
    Response json = server.get("/v1/sys/compliance/report");
    assertEquals(200, json.status(), json::body);
    return json.data();
  }

  private static List<String> findings(JsonObject signedReport) {
    List<String> messages = new ArrayList<>();
    for (Object s : signedReport.getJsonObject("report").getJsonArray("sections")) {
      for (Object finding : ((JsonObject) s).getJsonArray("findings")) {
        messages.add(((JsonObject) finding).getString("message"));
      }
    }
    return messages;
  }

  @AfterAll
  static void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  /**
   * Backs up a fresh exportable key, makes its version {@code age} old and not exportable in the
   * blob, and restores it as {@code name}: the only way to hold an old key without a fake clock.
   */
  private static void restoreAgedKey(String name, Duration age) {
    ok(
        server.post(
            "/v1/transit/keys/aged-source",
            new JsonObject().put("exportable", true).put("allow_plaintext_backup", true)));
    String blob = server.get("/v1/transit/backup/aged-source").data().getString("backup");
    JsonObject outer = new JsonObject(Buffer.buffer(Base64.getDecoder().decode(blob)));
    JsonObject key = outer.getJsonObject("key");
    key.put("exportable", false).put("allow_plaintext_backup", false);
    long created = Instant.now().minus(age).getEpochSecond();
    JsonObject versions = key.getJsonObject("versions");
    versions.fieldNames().forEach(v -> versions.getJsonObject(v).put("creation_time", created));
    String edited = Base64.getEncoder().encodeToString(outer.toBuffer().getBytes());
    ok(server.post("/v1/transit/restore/" + name, new JsonObject().put("backup", edited)));
    ok(
        server.post(
            "/v1/transit/keys/aged-source/config", new JsonObject().put("deletion_allowed", true)));
    ok(server.call("DELETE", "/v1/transit/keys/aged-source", VaultTestServer.ROOT, null));
  }

  /**
   * Two userpass mounts: {@code people/} under a TOTP enforcement, where alice holds a key and bob
   * none, and {@code legacy/} under none, where carol logs in with her password alone.
   */
  private static void setUpPeople() {
    for (String mount : List.of("people", "legacy")) {
      ok(server.post("/v1/sys/auth/" + mount, new JsonObject().put("type", "userpass")));
    }
    user("people", "alice", "auditor");
    user("people", "bob", "default");
    user("legacy", "carol", "default");
    Response login =
        server.call(
            "POST",
            "/v1/auth/people/login/alice",
            null,
            new JsonObject().put("password", "alice-password"));
    assertEquals(200, login.status(), login::body);
    String entityId = login.json().getJsonObject("auth").getString("entity_id");
    Response method =
        server.post("/v1/identity/mfa/method/totp", new JsonObject().put("issuer", "Keyward"));
    ok(method);
    String methodId = method.data().getString("method_id");
    ok(
        server.post(
            "/v1/identity/mfa/method/totp/admin-generate",
            new JsonObject().put("method_id", methodId).put("entity_id", entityId)));
    String accessor =
        server.get("/v1/sys/auth").json().getJsonObject("people/").getString("accessor");
    ok(
        server.post(
            "/v1/identity/mfa/login-enforcement/people-totp",
            new JsonObject()
                .put("mfa_method_ids", new JsonArray().add(methodId))
                .put("auth_method_accessors", new JsonArray().add(accessor))));
  }

  private static void user(String mount, String name, String policy) {
    ok(
        server.post(
            "/v1/auth/" + mount + "/users/" + name,
            new JsonObject().put("password", name + "-password").put("token_policies", policy)));
  }

  /** Changes the time of one record in the middle of an audit file the server still appends to. */
  private static void tamper(Path log) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
    assertTrue(lines.size() > 4, "bad.log has records to edit");
    String original = lines.get(3);
    String edited = original.replace("\"time\":\"2", "\"time\":\"1");
    assertFalse(original.equals(edited), "the record to edit has a time field: " + original);
    lines.set(3, edited);
    Files.write(log, lines, StandardCharsets.UTF_8);
  }

  private static void ok(Response r) {
    assertTrue(r.status() == 200 || r.status() == 204, r::body);
  }

  private static JsonObject section(String id) {
    for (Object o : signed.getJsonObject("report").getJsonArray("sections")) {
      if (((JsonObject) o).getString("id").equals(id)) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("no section " + id);
  }

  /** "kind status item" of every finding that is not ok. */
  private static Set<String> problems() {
    Set<String> out = new TreeSet<>();
    for (Object s : signed.getJsonObject("report").getJsonArray("sections")) {
      for (Object f : ((JsonObject) s).getJsonArray("findings")) {
        JsonObject finding = (JsonObject) f;
        if (!finding.getString("status").equals("ok")) {
          out.add(
              finding.getString("kind")
                  + " "
                  + finding.getString("status")
                  + " "
                  + finding.getString("item"));
        }
      }
    }
    return out;
  }

  @Test
  void jsonReport_namesExactlyTheSetUpFindings() {
    String rootAccessor =
        section("access_control")
            .getJsonObject("facts")
            .getJsonArray("root_tokens")
            .getJsonObject(0)
            .getString("accessor");
    String certificate =
        problems().stream()
            .filter(p -> p.startsWith("certificate warning"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(problems().toString()));

    assertEquals(
        new TreeSet<>(
            List.of(
                "transit_key failing transit/legacy-orders",
                certificate,
                "root_token warning root token " + rootAccessor,
                "audit_chain failing audit device bad/",
                // A dev server has no snapshot schedule, no drill yet and no HA.
                "snapshot_schedule warning snapshots",
                "restore_drill warning drill",
                "ha warning cluster",
                "account warning auth/people/bob",
                "account failing auth/legacy/carol",
                "human_login failing accounts")),
        problems());
    assertTrue(certificate.endsWith("CN=short.example.net"), certificate);
    assertEquals("failing", signed.getJsonObject("report").getString("status"));
    assertEquals("failing", section("cryptography").getString("status"));
    assertEquals("warning", section("pki").getString("status"));
    assertEquals("warning", section("access_control").getString("status"));
    assertEquals("failing", section("traceability").getString("status"));
    assertEquals("ok", section("supply_chain").getString("status"));
    assertEquals("warning", section("backups").getString("status"));
    assertEquals("warning", section("high_availability").getString("status"));
    assertEquals(
        false, section("high_availability").getJsonObject("facts").getBoolean("ha_enabled"));
    assertEquals("failing", section("mfa").getString("status"));
  }

  @Test
  void mfaSection_countsAccountsUnderAnEnforcementAndWhoGrantsPolicies() {
    JsonObject facts = section("mfa").getJsonObject("facts");
    assertEquals(3, facts.getInteger("accounts"), facts::encode);
    assertEquals(2, facts.getInteger("accounts_under_mfa"));
    assertEquals(66, facts.getInteger("share_under_mfa_percent"));
    assertEquals(List.of("people-totp"), facts.getJsonArray("enforcements").getList());
    JsonObject alice =
        facts.getJsonArray("account_details").stream()
            .map(JsonObject.class::cast)
            .filter(a -> a.getString("name").equals("alice"))
            .findFirst()
            .orElseThrow();
    assertTrue(alice.getBoolean("enrolled"), alice::encode);
    assertEquals(List.of("people-totp"), alice.getJsonArray("enforcements").getList());

    JsonObject access = section("access_control").getJsonObject("facts");
    assertEquals(
        List.of("auth/legacy/carol", "auth/people/alice", "auth/people/bob"),
        access.getJsonArray("users").stream().map(Object::toString).sorted().toList());
    JsonArray auditorGrants =
        access.getJsonArray("policies").stream()
            .map(JsonObject.class::cast)
            .filter(p -> p.getString("name").equals("auditor"))
            .findFirst()
            .orElseThrow()
            .getJsonArray("granted_by");
    assertTrue(auditorGrants.contains("userpass user auth/people/alice"), auditorGrants::encode);
  }

  @Test
  void jsonReport_statesFactsAndPolicyBehindEachFinding() {
    JsonObject crypto = section("cryptography");
    JsonArray keys = crypto.getJsonObject("facts").getJsonArray("transit_keys");
    JsonObject legacy =
        keys.stream()
            .map(JsonObject.class::cast)
            .filter(k -> k.getString("name").equals("legacy-orders"))
            .findFirst()
            .orElseThrow();
    JsonObject expiring =
        section("pki").getJsonObject("facts").getJsonArray("expiring").getJsonObject(0);
    JsonObject good =
        section("traceability").getJsonObject("facts").getJsonArray("devices").getJsonObject(0);

    assertEquals(
        180,
        crypto
            .getJsonObject("policy")
            .getJsonObject("transit_max_age_by_pattern")
            .getInteger("legacy-*"));
    assertEquals("aes256-gcm96", legacy.getString("type"));
    assertFalse(legacy.getBoolean("hsm_resident"));
    assertEquals(1, legacy.getInteger("min_decryption_version"));
    assertEquals(3, expiring.getLong("days_left"), expiring::encode);
    assertEquals("good/", good.getString("path"));
    assertTrue(good.getJsonObject("verification").getBoolean("ok"), good::encode);
    assertNotNull(good.getString("last_checkpoint_time"), good::encode);
    assertTrue(
        crypto.getJsonObject("facts").getJsonObject("keyring").getLong("encryptions") > 0,
        crypto::encode);
  }

  @Test
  void signature_verifiesUntilTheReportIsEdited() throws Exception {
    JsonObject sig = signed.getJsonObject("signature");
    PublicKey key =
        KeyFactory.getInstance("EC")
            .generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(sig.getString("public_key"))));
    JsonObject report = signed.getJsonObject("report");
    JsonObject edited = report.copy().put("status", "ok");

    assertTrue(verifies(key, report, sig.getString("value")));
    assertFalse(verifies(key, edited, sig.getString("value")));
  }

  private static boolean verifies(PublicKey key, JsonObject report, String value) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initVerify(key);
    s.update(CanonicalJson.bytes(report));
    return s.verify(Base64.getDecoder().decode(value));
  }

  @Test
  void htmlReport_parsesAndHoldsTheSameFindingsAndCharts() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    Document doc =
        f.newDocumentBuilder()
            .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));

    assertEquals(
        2, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength(), html);
    assertEquals(0, doc.getElementsByTagName("script").getLength());
    assertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "no external asset");
    for (Object s : signed.getJsonObject("report").getJsonArray("sections")) {
      for (Object finding : ((JsonObject) s).getJsonArray("findings")) {
        String message = ((JsonObject) finding).getString("message");
        assertTrue(html.contains(escape(message)), message);
      }
    }
  }

  @Test
  void htmlReport_rendersInHeadlessChromium() throws Exception {
    Path page = dir.resolve("report.html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    Path pdf = dir.resolve("report.pdf");
    Path png = dir.resolve("report.png");

    Chromium.Result print = Chromium.run(dir, "--print-to-pdf=" + pdf, page.toUri().toString());
    Chromium.Result shot =
        Chromium.run(
            dir, "--screenshot=" + png, "--window-size=1024,2000", page.toUri().toString());

    assertEquals(0, print.exit(), print.output());
    assertEquals(0, shot.exit(), shot.output());
    byte[] head = Arrays.copyOf(Files.readAllBytes(pdf), 5);
    assertEquals("%PDF-", new String(head, StandardCharsets.US_ASCII));
    assertTrue(Files.size(png) > 10_000, "the screenshot has content");
  }

  @Test
  void auditor_readsReportAndSbomButNoSecret() {
    Response created =
        server.post(
            "/v1/auth/token/create",
            new JsonObject().put("policies", new JsonArray().add("auditor")).put("ttl", "1h"));
    String auditor = created.json().getJsonObject("auth").getString("client_token");
    server.post(
        "/v1/secret/data/report/canary",
        new JsonObject().put("data", new JsonObject().put("v", "x")));
    String ciphertext =
        server
            .post("/v1/transit/encrypt/orders", new JsonObject().put("plaintext", "aGVsbG8="))
            .data()
            .getString("ciphertext");

    assertEquals(200, server.call("GET", "/v1/sys/compliance/report", auditor, null).status());
    assertEquals(200, server.call("GET", "/v1/sys/sbom", auditor, null).status());
    assertEquals(200, server.call("GET", "/v1/sys/config/key-policy", auditor, null).status());
    assertEquals(403, server.call("GET", "/v1/secret/data/report/canary", auditor, null).status());
    assertEquals(
        403,
        server
            .call(
                "POST",
                "/v1/transit/decrypt/orders",
                auditor,
                new JsonObject().put("ciphertext", ciphertext))
            .status());
    assertEquals(
        403,
        server
            .call(
                "POST",
                "/v1/sys/config/key-policy",
                auditor,
                new JsonObject().put("kek_max_age_days", 1))
            .status());
  }

  @Test
  void sbom_isCycloneDxListingTheCryptoAndServerLibraries() {
    Response sbom = server.get("/v1/sys/sbom");
    JsonObject bom = new JsonObject(sbom.body());

    assertEquals(200, sbom.status(), sbom::body);
    assertEquals("CycloneDX", bom.getString("bomFormat"));
    assertTrue(bom.getString("specVersion").startsWith("1."));
    for (String[] lib :
        new String[][] {
          {"io.vertx", "vertx-core"},
          {"com.google.crypto.tink", "tink"},
          {"org.bouncycastle", "bcprov-jdk18on"},
          {"org.bouncycastle", "bcpkix-jdk18on"},
          {"org.xipki", "ipkcs11wrapper"}
        }) {
      JsonObject c =
          bom.getJsonArray("components").stream()
              .map(JsonObject.class::cast)
              .filter(
                  x -> lib[0].equals(x.getString("group")) && lib[1].equals(x.getString("name")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("SBOM lacks " + lib[1]));
      assertTrue(c.getString("version").matches("\\d+\\.\\d+.*"), c::encode);
      assertTrue(c.getString("purl").contains(c.getString("version")), c::encode);
    }
  }

  @Test
  void keyPolicy_refusesBadInputWithFieldNamed() {
    Response unknown =
        server.post("/v1/sys/config/key-policy", new JsonObject().put("kek_days", 3));
    Response range =
        server.post("/v1/sys/config/key-policy", new JsonObject().put("kek_max_age_days", 0));
    Response glob =
        server.post(
            "/v1/sys/config/key-policy",
            new JsonObject().put("transit_max_age_by_pattern", new JsonObject().put("a/b", 3)));
    Response format = server.get("/v1/sys/compliance/report?format=pdf");

    assertEquals(400, unknown.status());
    assertTrue(unknown.body().contains("kek_days"), unknown::body);
    assertEquals(400, range.status());
    assertTrue(range.body().contains("kek_max_age_days"), range::body);
    assertEquals(400, glob.status(), glob::body);
    assertEquals(400, format.status(), format::body);
    assertEquals(
        730, server.get("/v1/sys/config/key-policy").data().getInteger("kek_max_age_days"));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** Debian's headless Chromium, one fresh profile per run, no network services. */
  static final class Chromium {
    record Result(int exit, String output) {}

    static Result run(Path dir, String... args) throws Exception {
      Path profile = Files.createTempDirectory(dir, "chromium-");
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  "/usr/bin/chromium",
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--no-first-run",
                  "--user-data-dir=" + profile));
      cmd.addAll(List.of(args));
      Path log = dir.resolve(profile.getFileName() + ".log");
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      // A guard against a hung browser, not a timing assertion.
      if (!p.waitFor(3, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Result(-1, "chromium did not finish: " + Files.readString(log));
      }
      return new Result(p.exitValue(), Files.readString(log));
    }
  }
}
