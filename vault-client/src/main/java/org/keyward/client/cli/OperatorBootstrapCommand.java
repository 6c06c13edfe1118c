package org.keyward.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.keyward.client.SecretString;
import org.keyward.client.VaultClient;
import org.keyward.client.VaultReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyward operator bootstrap}: the first-day set-up of README, in one step, with the root
 * token. It enables userpass, creates the first admin (policy {@code admin}), logs in as them once
 * to create their identity entity, creates a TOTP method, enrols the admin (admin-generate),
 * enforces TOTP for every userpass mount ({@code auth_method_types=["userpass"]}), revokes the
 * admin's pre-MFA token and then the root token (unless {@code -keep-root}). It prints the {@code
 * otpauth://} URL and its QR code as text, for the admin's authenticator app.
 *
 * <p>It refuses to run twice: an existing admin user or an MFA answer to the admin's login stops it
 * before anything is overwritten.
 */
@Command(
    name = "bootstrap",
    mixinStandardHelpOptions = true,
    description = {
      "First-day set-up: userpass, a first admin with TOTP, MFA for every userpass login,",
      "then revoke the root token. Needs the root token.",
      "  keyward operator bootstrap [username=admin] [password=-]"
    })
final class OperatorBootstrapCommand extends CliCommand implements Callable<Integer> {
  static final String ENFORCEMENT = "userpass-totp";

  @Option(
      names = {"-path", "--path"},
      paramLabel = "<mount>",
      description = "userpass mount (default userpass)")
  String path = "userpass";

  @Option(
      names = {"-issuer", "--issuer"},
      paramLabel = "<name>",
      description = "issuer shown in the authenticator app (default Keyward)")
  String issuer = "Keyward";

  @Option(
      names = {"-keep-root", "--keep-root"},
      description = "do not revoke the root token at the end")
  boolean keepRoot;

  @Parameters(
      paramLabel = "<key=value>",
      arity = "0..*",
      description = "username=NAME (default admin), password=VALUE|-|@file (else asked twice)")
  List<String> args = List.of();

  @Override
  public Integer call() {
    Map<String, Object> f = fields(args);
    String username = String.valueOf(f.getOrDefault("username", "admin"));
    String password = password(f);
    VaultClient root = client();
    ensureUserpass(root);
    if (root.logical().read("auth/" + path + "/users/" + username).isPresent()) {
      throw new UsageException(
          "user '" + username + "' already exists on " + path + "/: bootstrap has run already");
    }
    root.logical()
        .write(
            "auth/" + path + "/users/" + username,
            Map.of("password", password, "token_policies", "admin"));
    JsonNode auth = loginOnce(username, password);
    String adminToken = auth.path("client_token").asText();
    String entityId = auth.path("entity_id").asText();
    String methodId =
        root.logical()
            .write("identity/mfa/method/totp", Map.of("issuer", issuer))
            .data()
            .path("method_id")
            .asText();
    JsonNode enrolment =
        root.logical()
            .write(
                "identity/mfa/method/totp/admin-generate",
                Map.of("method_id", methodId, "entity_id", entityId))
            .data();
    root.logical()
        .write(
            "identity/mfa/login-enforcement/" + ENFORCEMENT,
            Map.of("mfa_method_ids", List.of(methodId), "auth_method_types", List.of("userpass")));
    // The admin's first token was issued before MFA existed: it must not outlive the set-up.
    try (VaultClient admin = withToken(adminToken)) {
      admin.logical().write("auth/token/revoke-self", Map.of());
    }
    if (!keepRoot) {
      root.logical().write("auth/token/revoke-self", Map.of());
    }
    print(username, methodId, entityId, enrolment.path("url").asText());
    return KeywardCli.OK;
  }

  private void ensureUserpass(VaultClient root) {
    Optional<VaultReply> auths = root.logical().read("sys/auth");
    JsonNode mount = auths.map(r -> r.data().path(path + "/")).orElse(null);
    if (mount == null || mount.isMissingNode()) {
      root.logical().write("sys/auth/" + path, Map.of("type", "userpass"));
    } else if (!mount.path("type").asText().equals("userpass")) {
      throw new UsageException(path + "/ is enabled as " + mount.path("type").asText());
    }
  }

  /** The admin's first login, before the enforcement exists: it creates their entity. */
  private JsonNode loginOnce(String username, String password) {
    try (VaultClient anonymous = VaultClient.create(ctx().config().token(null).build())) {
      JsonNode auth =
          anonymous
              .logical()
              .write("auth/" + path + "/login/" + username, Map.of("password", password))
              .auth();
      if (!auth.path("mfa_requirement").isMissingNode() && !auth.path("mfa_requirement").isNull()) {
        throw new UsageException("userpass logins already need MFA: bootstrap has run already");
      }
      return auth;
    }
  }

  private VaultClient withToken(String token) {
    return VaultClient.create(ctx().config().token(SecretString.of(token)).build());
  }

  private String password(Map<String, Object> f) {
    Object given = f.get("password");
    if (given != null) {
      return given.toString();
    }
    String first = ctx().prompt("Password for the first admin", true, "password=- (stdin)");
    String again = ctx().prompt("Password again", true, "password=- (stdin)");
    if (first.isEmpty() || !first.equals(again)) {
      throw new UsageException("the passwords are empty or differ");
    }
    return first;
  }

  private void print(String username, String methodId, String entityId, String url) {
    Output out = output();
    Map<String, Object> rows = new LinkedHashMap<>();
    if (!out.json()) {
      out.line("Success! Keyward is bootstrapped.");
      out.line("");
      out.line("Scan this QR code with " + username + "'s authenticator app:");
      out.line("");
      out.line(TextQrCode.render(url));
    }
    rows.put("userpass_mount", path + "/");
    rows.put("admin_user", username);
    rows.put("admin_entity_id", entityId);
    rows.put("mfa_method_id", methodId);
    rows.put("login_enforcement", ENFORCEMENT);
    rows.put("otpauth_url", url);
    rows.put("root_token_revoked", !keepRoot);
    out.record(rows);
  }
}
