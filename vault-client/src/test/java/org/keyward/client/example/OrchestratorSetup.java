package org.keyward.client.example;

import java.util.List;
import java.util.Map;
import org.keyward.client.SecretString;
import org.keyward.client.VaultClient;

/**
 * What an operator does once, with an admin token: a root CA on {@code pki/}, the {@code
 * core-server} and {@code cell-server} roles (server and client certificates, for mTLS both ways),
 * the transit key for device parameters, one policy and one AppRole role per service.
 */
public final class OrchestratorSetup {
  /** The transit key that seals device enable secrets. */
  public static final String DEVICE_KEY = "device-params";

  /** An AppRole role id and secret id, handed to a service by the deployment. */
  public record AppRoleCredentials(String roleId, SecretString secretId) {}

  private final VaultClient admin;

  public OrchestratorSetup(VaultClient admin) {
    this.admin = admin;
  }

  /** The certificate roles under the dev root CA, the transit key, AppRole at {@code approle/}. */
  public void mounts() {
    admin.logical().write("sys/auth/approle", Map.of("type", "approle"));
    for (String role : List.of("core-server", "cell-server")) {
      admin
          .logical()
          .write(
              "pki/roles/" + role,
              Map.of(
                  "allowed_domains", List.of("example.net"),
                  "allow_subdomains", true,
                  "allow_ip_sans", true,
                  "server_flag", true,
                  "client_flag", true,
                  "ttl", "24h"));
    }
    admin.transit().createKey(DEVICE_KEY, "aes256-gcm96");
  }

  /**
   * Certificate login for Cells: {@code auth/cert} with a role {@code cells} that trusts Keyward's
   * CA for {@code *.example.net} and grants the Cell's policy. A revoked certificate cannot log in.
   */
  public void certificateLogin() {
    String caPem =
        admin.logical().read("pki/cert/ca").orElseThrow().data().path("certificate").asText();
    admin.logical().write("sys/auth/cert", Map.of("type", "cert"));
    admin
        .logical()
        .write(
            "auth/cert/certs/cells",
            Map.of(
                "certificate", caPem,
                "allowed_common_names", List.of("*.example.net"),
                "token_policies", List.of("cell-server")));
  }

  /** The Core writes device parameters, seals secrets and gets its own certificates. */
  public AppRoleCredentials core() {
    return service(
        "core-server",
        """
        path "secret/data/devices/*" { capabilities = ["create", "update", "read"] }
        path "transit/encrypt/device-params" { capabilities = ["update"] }
        path "pki/issue/core-server" { capabilities = ["update"] }
        """);
  }

  /** A Cell reads device parameters, unseals secrets and gets its own certificates. */
  public AppRoleCredentials cell() {
    return service(
        "cell-server",
        """
        path "secret/data/devices/*" { capabilities = ["read"] }
        path "transit/decrypt/device-params" { capabilities = ["update"] }
        path "pki/issue/cell-server" { capabilities = ["update"] }
        """);
  }

  private AppRoleCredentials service(String name, String policy) {
    admin.admin().writePolicy(name, policy);
    admin
        .logical()
        .write(
            "auth/approle/role/" + name,
            Map.of("token_policies", List.of(name), "token_ttl", "20m", "token_max_ttl", "4h"));
    String roleId =
        admin
            .logical()
            .read("auth/approle/role/" + name + "/role-id")
            .orElseThrow()
            .data()
            .path("role_id")
            .asText();
    String secretId =
        admin
            .logical()
            .write("auth/approle/role/" + name + "/secret-id", Map.of())
            .data()
            .path("secret_id")
            .asText();
    return new AppRoleCredentials(roleId, SecretString.of(secretId));
  }
}
