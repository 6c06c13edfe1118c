package org.keyward.auth.identity;

import java.util.Map;
import java.util.Optional;
import org.keyward.engine.MountEntry;

/**
 * The alias a login is known by: its auth mount and the name the method gives the one who logged
 * in, read from the token metadata each method sets (userpass {@code username}, AppRole {@code
 * role_name}, cert {@code common_name}, falling back to {@code cert_name}). Empty for a login
 * without such a name, which then gets no entity.
 */
public record LoginAlias(MountEntry mount, String name) {
  public static Optional<LoginAlias> of(MountEntry mount, Map<String, String> metadata) {
    String name =
        switch (mount.type()) {
          case "userpass" -> metadata.get("username");
          case "approle" -> metadata.get("role_name");
          case "cert" -> {
            String cn = metadata.getOrDefault("common_name", "");
            yield cn.isEmpty() ? metadata.get("cert_name") : cn;
          }
          default -> null;
        };
    return name == null || name.isEmpty()
        ? Optional.empty()
        : Optional.of(new LoginAlias(mount, name));
  }
}
