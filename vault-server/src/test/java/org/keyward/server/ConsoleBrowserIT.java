package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.auth.mfa.ReferenceTotp;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real headless Chromium (Debian's {@code chromium} and {@code
 * chromedriver}) against a real dev server: one browser and one server for the class, each test
 * starting from a fresh login. The dashboard screenshot is kept in {@code target/} as an artefact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir static Path dir;
  private VaultTestServer server;
  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  void start() {
    assertTrue(
        Files.isExecutable(CHROMIUM), "Debian's chromium is needed: apt-get install chromium");
    assertTrue(
        Files.isExecutable(CHROMEDRIVER),
        "Debian's chromedriver is needed: apt-get install chromium-driver");
    server = VaultTestServer.startDev(dir.resolve("data"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.setAcceptInsecureCerts(true); // the dev server's CA is made per run
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1366,900",
        "--user-data-dir=" + dir.resolve("chromium-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void loggedOut() {
    browser.get(server.address() + "/ui/");
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-token")));
  }

  @Test
  void tokenLogin_showsDashboardWithVaultStatus() throws Exception {
    logInWithToken(VaultTestServer.ROOT);
    WebElement status = panel("Vault status");
    wait.until(d -> status.getText().toLowerCase(java.util.Locale.ROOT).contains("unsealed"));
    assertTrue(status.getText().contains("pkcs11"), status.getText());
    recordPageMetrics();
    Path shot = Path.of("target", "console-dashboard.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    assertTrue(Files.size(shot) > 10_000, "a screenshot with content");
  }

  @Test
  void dashboard_flagsACertificateAboutToExpire() {
    String role =
        server
            .call("LIST", "/v1/pki/roles", VaultTestServer.ROOT, null)
            .data()
            .getJsonArray("keys")
            .getString(0);
    String cn = commonNameFor(role);
    VaultTestServer.Response issued =
        server.call(
            "POST",
            "/v1/pki/issue/" + role,
            VaultTestServer.ROOT,
            new JsonObject().put("common_name", cn).put("ttl", "72h"));
    assertEquals(200, issued.status(), issued.body());
    logInWithToken(VaultTestServer.ROOT);
    WebElement compliance = panel("Compliance (NIS2)");
    WebElement flagged =
        wait.until(
            d ->
                compliance.findElements(By.cssSelector(".finding[data-status=warning]")).stream()
                    .filter(f -> f.getText().contains("expires in"))
                    .findFirst()
                    .orElse(null));
    assertTrue(flagged.getText().contains(cn), flagged.getText());
  }

  @Test
  void tokenLogin_withWrongToken_showsServerError() {
    browser.findElement(By.id("login-token")).sendKeys("hvs.not-a-token");
    browser.findElement(By.id("login-submit")).click();
    WebElement alert =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
    assertEquals("permission denied", alert.getText().strip());
  }

  @Test
  void userpassLogin_asksForTheTotpCode_thenLogsIn() {
    server.call(
        "POST",
        "/v1/sys/auth/people",
        VaultTestServer.ROOT,
        new JsonObject().put("type", "userpass"));
    server.call(
        "POST",
        "/v1/auth/people/users/nina",
        VaultTestServer.ROOT,
        new JsonObject().put("password", "nina-console-pw-1").put("token_policies", "default"));
    String token =
        server
            .call(
                "POST",
                "/v1/auth/people/login/nina",
                null,
                new JsonObject().put("password", "nina-console-pw-1"))
            .json()
            .getJsonObject("auth")
            .getString("client_token");
    String entityId =
        server.call("GET", "/v1/auth/token/lookup-self", token, null).data().getString("entity_id");
    String methodId =
        server
            .call(
                "POST",
                "/v1/identity/mfa/method/totp",
                VaultTestServer.ROOT,
                new JsonObject().put("issuer", "Keyward"))
            .data()
            .getString("method_id");
    String url =
        server
            .call(
                "POST",
                "/v1/identity/mfa/method/totp/admin-generate",
                VaultTestServer.ROOT,
                new JsonObject().put("method_id", methodId).put("entity_id", entityId))
            .data()
            .getString("url");
    String accessor =
        server
            .call("GET", "/v1/sys/auth", VaultTestServer.ROOT, null)
            .json()
            .getJsonObject("people/")
            .getString("accessor");
    VaultTestServer.Response enforced =
        server.call(
            "POST",
            "/v1/identity/mfa/login-enforcement/console-people",
            VaultTestServer.ROOT,
            new JsonObject()
                .put("mfa_method_ids", new JsonArray().add(methodId))
                .put("auth_method_accessors", new JsonArray().add(accessor)));
    assertEquals(204 / 100, enforced.status() / 100, enforced.body());

    browser.findElement(By.id("tab-userpass")).click();
    WebElement mount = browser.findElement(By.id("login-mount"));
    mount.clear();
    mount.sendKeys("people");
    browser.findElement(By.id("login-username")).sendKeys("nina");
    browser.findElement(By.id("login-password")).sendKeys("nina-console-pw-1");
    browser.findElement(By.id("login-submit")).click();
    WebElement code =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-totp")));
    assertTrue(browser.findElements(By.cssSelector("#nav a")).isEmpty(), "no session before MFA");
    byte[] key = ReferenceTotp.keyOfUrl(url);
    code.sendKeys(ReferenceTotp.code(key, System.currentTimeMillis() / 1000, 30, 6, "SHA1"));
    browser.findElement(By.id("login-mfa-submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#nav a")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "nina"));
    assertNoSecretOutsidePageMemory();
  }

  @Test
  void secret_isMaskedUntilRevealed_andEditWritesNewVersion() {
    server.call(
        "POST",
        "/v1/secret/data/console/olt-17",
        VaultTestServer.ROOT,
        new JsonObject().put("data", new JsonObject().put("enable", "canary-enable-7731")));
    logInWithToken(VaultTestServer.ROOT);
    browser.get(server.address() + "/ui/#/kv/secret/console/");
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("olt-17"))).click();
    WebElement value =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".secret-value[data-key=enable]")));
    assertFalse(browser.getPageSource().contains("canary-enable-7731"), "masked in the markup");
    assertEquals("••••••••", value.getText());
    browser.findElement(By.cssSelector("button.reveal")).click();
    assertEquals("canary-enable-7731", value.getText());

    WebElement input = browser.findElement(By.cssSelector("#kv-edit .kv-value"));
    input.clear();
    input.sendKeys("canary-enable-9902");
    browser.findElement(By.id("kv-save")).click();
    wait.until(
        d ->
            server
                .call("GET", "/v1/secret/data/console/olt-17", VaultTestServer.ROOT, null)
                .data()
                .getJsonObject("metadata")
                .getInteger("version")
                .equals(2));
    JsonObject stored =
        server.call("GET", "/v1/secret/data/console/olt-17", VaultTestServer.ROOT, null).data();
    assertEquals("canary-enable-9902", stored.getJsonObject("data").getString("enable"));
    assertNoSecretOutsidePageMemory();
  }

  @Test
  void transitKey_rotatesFromTheConsole() {
    server.call("POST", "/v1/transit/keys/console-orders", VaultTestServer.ROOT, new JsonObject());
    logInWithToken(VaultTestServer.ROOT);
    browser.get(server.address() + "/ui/#/transit/console-orders");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("transit-rotate")));
    assertEquals("1", browser.findElement(By.id("transit-latest")).getText());
    acceptConfirms();
    browser.findElement(By.id("transit-rotate")).click();
    wait.until(ExpectedConditions.textToBe(By.id("transit-latest"), "2"));
    JsonObject key =
        server.call("GET", "/v1/transit/keys/console-orders", VaultTestServer.ROOT, null).data();
    assertEquals(2, key.getInteger("latest_version"));
  }

  @Test
  void certificate_isIssuedFromARole() {
    logInWithToken(VaultTestServer.ROOT);
    browser.get(server.address() + "/ui/#/pki");
    WebElement cn = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pki-cn")));
    String role = browser.findElement(By.id("pki-role")).getAttribute("value");
    cn.sendKeys(commonNameFor(role));
    browser.findElement(By.id("pki-issue")).click();
    WebElement serial =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pki-serial")));
    VaultTestServer.Response cert =
        server.call("GET", "/v1/pki/cert/" + serial.getText(), null, null);
    assertEquals(200, cert.status(), cert.body());
    assertTrue(cert.data().getString("certificate").startsWith("-----BEGIN CERTIFICATE-----"));
    assertTrue(browser.findElement(By.id("pki-download-key")).isDisplayed());
  }

  @Test
  void policyLimitedUser_seesOnlyWhatItMayUse() {
    String policy =
        "path \"secret/metadata/team/*\" { capabilities = [\"list\", \"read\"] }\n"
            + "path \"secret/data/team/*\" { capabilities = [\"read\"] }\n";
    server.call(
        "POST",
        "/v1/sys/policies/acl/console-reader",
        VaultTestServer.ROOT,
        new JsonObject().put("policy", policy));
    String token =
        server
            .call(
                "POST",
                "/v1/auth/token/create",
                VaultTestServer.ROOT,
                new JsonObject().put("policies", new JsonArray().add("console-reader")))
            .json()
            .getJsonObject("auth")
            .getString("client_token");
    server.call(
        "POST",
        "/v1/secret/data/team/switch-1",
        VaultTestServer.ROOT,
        new JsonObject().put("data", new JsonObject().put("snmp", "canary-snmp-5521")));
    logInWithToken(token);
    List<String> sections =
        browser.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
    assertEquals(List.of("Dashboard"), sections, "no section the token cannot use");

    browser.get(server.address() + "/ui/#/kv/secret/team/switch-1");
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".secret-value[data-key=snmp]")));
    assertTrue(browser.findElements(By.id("kv-edit")).isEmpty(), "no edit form for a reader");

    browser.get(server.address() + "/ui/#/policies/default");
    WebElement denied =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
    assertEquals("permission denied", denied.getText().strip());
    assertTrue(browser.findElements(By.id("policy-text")).isEmpty(), "no policy text shown");
  }

  @Test
  void consoleResponses_carryStrictSecurityHeaders() throws Exception {
    for (String path : List.of("/ui/", "/ui/js/app.js", "/ui/css/console.css", "/ui/no-such.js")) {
      HttpResponse<String> r = plainGet(path, Map.of());
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
      assertTrue(csp.contains("script-src 'self'"), path + ": " + csp);
      assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), path + ": " + csp);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
      assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), path);
      assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
      assertTrue(r.headers().allValues("Set-Cookie").isEmpty(), path + " sets no cookie");
    }
    assertEquals(200, plainGet("/ui/", Map.of()).statusCode());
    assertEquals(404, plainGet("/ui/no-such.js", Map.of()).statusCode());
  }

  @Test
  void api_grantsNoCorsToAnotherOrigin() throws Exception {
    Map<String, String> origin = Map.of("Origin", "https://attacker.example");
    HttpResponse<String> get = plainGet("/v1/sys/health", origin);
    assertEquals(200, get.statusCode());
    assertTrue(get.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    HttpResponse<String> preflight =
        client()
            .send(
                HttpRequest.newBuilder(URI.create(server.address() + "/v1/secret/data/x"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://attacker.example")
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "x-vault-token")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").isEmpty());
  }

  @Test
  void capabilitiesSelf_answersAsVault() {
    VaultTestServer.Response root =
        server.call(
            "POST",
            "/v1/sys/capabilities-self",
            VaultTestServer.ROOT,
            new JsonObject().put("paths", new JsonArray().add("secret/data/x")));
    assertEquals(200, root.status(), root.body());
    assertEquals(new JsonArray().add("root"), root.json().getJsonArray("capabilities"));
    assertEquals(new JsonArray().add("root"), root.data().getJsonArray("secret/data/x"));

    server.call(
        "POST",
        "/v1/sys/policies/acl/console-caps",
        VaultTestServer.ROOT,
        new JsonObject()
            .put(
                "policy", "path \"secret/data/caps/*\" { capabilities = [\"read\", \"update\"] }"));
    String token =
        server
            .call(
                "POST",
                "/v1/auth/token/create",
                VaultTestServer.ROOT,
                new JsonObject().put("policies", new JsonArray().add("console-caps")))
            .json()
            .getJsonObject("auth")
            .getString("client_token");
    VaultTestServer.Response limited =
        server.call(
            "POST",
            "/v1/sys/capabilities-self",
            token,
            new JsonObject().put("paths", "secret/data/caps/a,sys/rotate"));
    assertEquals(200, limited.status(), limited.body());
    assertEquals(
        new JsonArray().add("read").add("update"),
        limited.data().getJsonArray("secret/data/caps/a"));
    assertEquals(new JsonArray().add("deny"), limited.data().getJsonArray("sys/rotate"));

    VaultTestServer.Response bad =
        server.call("POST", "/v1/sys/capabilities-self", token, new JsonObject());
    assertEquals(400, bad.status(), bad.body());
    assertTrue(bad.json().getJsonArray("errors").getString(0).contains("paths"));
  }

  private HttpClient client() {
    return HttpClient.newBuilder().sslContext(server.sslContext()).build();
  }

  private HttpResponse<String> plainGet(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.address() + path));
    headers.forEach(b::header);
    return client().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void logInWithToken(String token) {
    browser.findElement(By.id("login-token")).sendKeys(token);
    browser.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#nav a")));
  }

  private WebElement panel(String title) {
    return wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("section[data-panel='" + title + "']")));
  }

  /**
   * Writes what the page cost to load, from the browser's own resource timing, to {@code
   * target/console-metrics.txt} for docs/benchmarks.md: a measurement, not an assertion.
   */
  private void recordPageMetrics() throws Exception {
    Object metrics =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const nav = performance.getEntriesByType('navigation')[0];"
                    + "const res = performance.getEntriesByType('resource')"
                    + "  .filter(r => r.name.includes('/ui/'));"
                    + "const bytes = [nav, ...res].reduce((a, r) => a + (r.transferSize || 0), 0);"
                    + "const body = [nav, ...res].reduce((a, r) => a + (r.decodedBodySize || 0), 0);"
                    + "return `files=${res.length + 1} transferred_bytes=${bytes}"
                    + " decoded_bytes=${body} dom_interactive_ms=${Math.round(nav.domInteractive)}"
                    + " dom_complete_ms=${Math.round(nav.domComplete)}`;");
    Files.writeString(Path.of("target", "console-metrics.txt"), metrics + "\n");
  }

  private void acceptConfirms() {
    ((JavascriptExecutor) browser).executeScript("window.confirm = () => true");
  }

  private String commonNameFor(String role) {
    JsonObject r = server.call("GET", "/v1/pki/roles/" + role, VaultTestServer.ROOT, null).data();
    JsonArray domains = r.getJsonArray("allowed_domains", new JsonArray());
    String domain = domains.isEmpty() ? "example.net" : domains.getString(0);
    return r.getBoolean("allow_subdomains", false) || r.getBoolean("allow_glob_domains", false)
        ? "console-test." + domain
        : domain;
  }

  /** The console keeps only its token, in this tab's sessionStorage: no cookie, no localStorage. */
  private void assertNoSecretOutsidePageMemory() {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    assertEquals(0L, js.executeScript("return localStorage.length"));
    assertEquals("", js.executeScript("return document.cookie"));
    assertEquals(
        List.of("keyward.token"),
        js.executeScript("return Object.keys(sessionStorage)"),
        "only the token in sessionStorage");
    assertTrue(browser.manage().getCookies().isEmpty());
  }
}
