package org.keyward.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import org.keyward.http.AuditSink;
import org.keyward.http.Authorizer;
import org.keyward.sys.NodeIdentity;

/**
 * Where the server's parts are chosen: one line per part, so the barrier, token store, policy
 * engine, audit log and mount table each replace a stand-in here and nowhere else.
 */
public final class CompositionRoot {
  private CompositionRoot() {}

  /** Dev mode: unsealed, and the dev root token is the one valid token. */
  public static ServerParts dev(String rootToken) {
    return new ServerParts(
        DevStandIns.unsealed(), // TODO(barrier): the barrier's SealState, initialised + unsealed
        () -> false, // a single active node
        DevStandIns.rootTokenOnly(rootToken), // TODO(tokens): TokenAuthenticator
        Authorizer.ROOT_ONLY, // TODO(policy): Acl
        AuditSink.NONE, // TODO(audit): AuditLog
        ServerParts::sysOnly); // TODO(mounts): the mount table
  }

  /** A configured server: until the barrier and tokens exist it reports not initialised. */
  public static ServerParts configured() {
    return new ServerParts(
        DevStandIns.uninitialized(), // TODO(barrier)
        () -> false,
        DevStandIns.denyAll(), // TODO(tokens)
        Authorizer.ROOT_ONLY, // TODO(policy)
        AuditSink.NONE, // TODO(audit)
        ServerParts::sysOnly); // TODO(mounts)
  }

  /** What start-up reads or makes on disk before the listener binds. */
  public record Prepared(TlsFiles tls, NodeIdentity node) {}

  /**
   * Prepares the data directory, TLS material and cluster id: blocking, so call it before Vert.x
   * runs. Fails with a message naming the file that could not be read or written.
   */
  public static Prepared prepare(ServerConfig config, Clock clock) {
    try {
      OwnerOnlyFiles.createPrivateDirectory(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data_dir " + config.dataDir(), e);
    }
    TlsFiles tls =
        config.tlsCertFile().isPresent()
            ? new TlsFiles(config.tlsCertFile().get(), config.tlsKeyFile().get(), Optional.empty())
            : new SelfMadeTls(config.dataDir().resolve("tls"), clock)
                .ensure(config.listenAddress().host());
    NodeIdentity node =
        new NodeIdentity(
            BuildInfo.VERSION, config.clusterName(), ClusterId.loadOrCreate(config.dataDir()));
    return new Prepared(tls, node);
  }
}
