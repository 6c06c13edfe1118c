package org.keyward.client.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.keyward.client.AuthInfo;
import org.keyward.client.LoginMethod;
import org.keyward.client.SecretString;
import org.keyward.client.VaultClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyward login}: checks a token (given as {@code -}, read from stdin when absent) or logs
 * in with AppRole ({@code role_id=... secret_id=-}), a TLS client certificate ({@code
 * VAULT_CLIENT_CERT}/{@code VAULT_CLIENT_KEY}) or userpass ({@code username=NAME}: the password is
 * asked without echo, and the TOTP passcode when the server answers with an MFA requirement, as
 * {@code vault login -method=userpass}), then stores the token in {@code ~/.vault-token} (mode
 * 0600), where later commands find it when {@code VAULT_TOKEN} is unset.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Log in and store the token in ~/.vault-token (mode 0600).",
      "  keyward login                      token read from stdin",
      "  keyward login -method=approle role_id=ID secret_id=-",
      "  keyward login -method=cert [name=ROLE]   (VAULT_CLIENT_CERT, VAULT_CLIENT_KEY)",
      "  keyward login -method=userpass username=NAME [password=-] [passcode=CODE]"
    })
final class LoginCommand extends CliCommand implements Callable<Integer> {
  enum Method {
    token,
    approle,
    cert,
    userpass
  }

  @Option(
      names = {"-method", "--method"},
      paramLabel = "<token|approle|cert|userpass>",
      description = "login method (default token)")
  Method method = Method.token;

  @Option(
      names = {"-path", "--path"},
      paramLabel = "<mount>",
      description = "auth mount (default: approle, cert, userpass)")
  String path;

  @Option(
      names = {"-no-store", "--no-store"},
      description = "do not write ~/.vault-token")
  boolean noStore;

  @Parameters(
      paramLabel = "<arg>",
      arity = "0..*",
      description = "token: the token or '-' (stdin); approle, cert, userpass: key=value fields")
  List<String> args = List.of();

  @Override
  public Integer call() {
    LoginMethod login = loginMethod();
    // A login must not send an old stored token along with the credentials.
    try (VaultClient c = VaultClient.create(ctx().config().token(null).build())) {
      AuthInfo auth = c.login(login);
      if (!noStore) {
        ctx().tokenFile().write(auth.token().reveal());
      }
      print(auth);
    }
    return KeywardCli.OK;
  }

  private LoginMethod loginMethod() {
    switch (method) {
      case token:
        if (args.size() > 1) {
          throw new UsageException("token login takes one argument: the token or '-'");
        }
        String token =
            args.isEmpty()
                ? ctx().readStdinText("token")
                : TextInput.value("token", args.get(0), ctx());
        if (token.isBlank()) {
          throw new UsageException("no token given");
        }
        return LoginMethod.token(SecretString.of(token.strip()));
      case approle:
        Map<String, Object> f = fields(args);
        Object roleId = f.get("role_id");
        Object secretId = f.get("secret_id");
        if (roleId == null || secretId == null) {
          throw new UsageException("approle login needs role_id=... and secret_id=- (or @file)");
        }
        return LoginMethod.appRole(
            path == null ? "approle" : path,
            roleId.toString(),
            SecretString.of(secretId.toString()));
      case cert:
        Object role = fields(args).get("name");
        return LoginMethod.certificate(
            path == null ? "cert" : path, role == null ? null : role.toString());
      case userpass:
        return userpass(fields(args));
      default:
        throw new IllegalStateException("unknown method " + method);
    }
  }

  /**
   * Userpass: {@code password} and {@code passcode} may be given (as a value, {@code -} for stdin
   * or {@code @file}); otherwise they are asked on the terminal, the password without echo.
   */
  private LoginMethod userpass(Map<String, Object> f) {
    Object username = f.get("username");
    if (username == null || username.toString().isBlank()) {
      throw new UsageException("userpass login needs username=NAME");
    }
    Object given = f.get("password");
    String password =
        given != null ? given.toString() : ctx().prompt("Password", true, "password=- (stdin)");
    Object passcode = f.get("passcode");
    return LoginMethod.userpass(
        path == null ? "userpass" : path,
        username.toString(),
        SecretString.of(password),
        methodId ->
            passcode != null
                ? passcode.toString()
                : ctx().prompt("TOTP passcode for MFA method " + methodId, false, "passcode=CODE"));
  }

  private void print(AuthInfo auth) {
    Output out = output();
    Map<String, Object> rows = new LinkedHashMap<>();
    if (out.json()) {
      // Scripts asking for JSON get the token, as `vault login -format=json` gives it.
      rows.put("client_token", auth.token().reveal());
    } else {
      out.line(
          noStore
              ? "Success! The token was not stored (-no-store)."
              : "Success! The token is stored in " + ctx().tokenFile().path() + ".");
      out.line("");
    }
    rows.put("token_accessor", auth.accessor());
    rows.put(
        "token_duration",
        out.json() ? auth.leaseDuration().toSeconds() : Output.duration(auth.leaseDuration()));
    rows.put("token_renewable", auth.renewable());
    rows.put("token_policies", auth.policies());
    out.record(rows);
  }
}
