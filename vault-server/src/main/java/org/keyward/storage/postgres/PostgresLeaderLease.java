package org.keyward.storage.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * HA leadership as a lease row in PostgreSQL ({@code keyward_ha_leader}, one row): the holder's
 * node id, address and an epoch that grows by one at every takeover. The lease runs on the
 * database's clock, so node clocks do not matter. A lease is free when it expired, or at once when
 * the database session that renewed it is gone (its process was killed: the connection closed).
 * Every write of {@link PostgresStorage} compares the epoch in its own transaction ({@link
 * LeaderFence}), so a deposed holder cannot commit after a takeover.
 *
 * <p>Runs on one connection and thread of its own with short lock and statement timeouts, so a busy
 * storage pool or a paused peer can delay a renewal only by seconds, never hang it.
 */
public final class PostgresLeaderLease implements AutoCloseable {
  /** The node holding a live lease. */
  public record Leader(long epoch, String nodeId, String apiAddr, Instant acquiredAt) {}

  private static final String TIMEOUTS =
      "SET LOCAL lock_timeout = '1s'; SET LOCAL statement_timeout = '3s'";

  private final Vertx vertx;
  private final PostgresOptions options;
  private final PostgresPool pool;
  private final String table;
  private final String nodeId;
  private final LeaderFence fence;

  private PostgresLeaderLease(Vertx vertx, PostgresOptions options, String nodeId) {
    this.vertx = vertx;
    this.options = options;
    this.pool =
        new PostgresPool(
            new PostgresOptions(
                options.jdbcUrl(), options.user(), options.password(), options.schema(), 1));
    this.table = "\"" + options.schema() + "\".keyward_ha_leader";
    this.nodeId = nodeId;
    this.fence = new LeaderFence(table, nodeId);
  }

  /** Creates the lease table and its row if missing. */
  public static Future<PostgresLeaderLease> open(
      Vertx vertx, PostgresOptions options, String nodeId) {
    PostgresLeaderLease lease = new PostgresLeaderLease(vertx, options, nodeId);
    return lease
        .pool
        .call(vertx, "create lease table", "keyward_ha_leader", lease::createTable)
        .map(v -> lease)
        .onFailure(e -> vertx.executeBlocking(() -> lease.closeAndReturn(), false));
  }

  /** This node's id, as the lease row names its holder. */
  public String nodeId() {
    return nodeId;
  }

  /**
   * Takes the lease if it is free, for {@code ttl}, as the holder reachable at {@code apiAddr}.
   *
   * @return the new epoch, or empty when another node holds a live lease
   */
  public Future<OptionalLong> tryAcquire(String apiAddr, Duration ttl) {
    return pool.call(
        vertx,
        "acquire lease",
        nodeId,
        c -> {
          timeouts(c);
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE "
                      + table
                      + " AS l SET epoch = l.epoch + 1, node_id = ?, api_addr = ?,"
                      + " expires_at = clock_timestamp() + ? * interval '1 millisecond',"
                      + " acquired_at = clock_timestamp(), backend_pid = pg_backend_pid()"
                      + " WHERE l.id = 1 AND (l.expires_at < clock_timestamp() OR NOT EXISTS"
                      + " (SELECT 1 FROM pg_stat_activity a WHERE a.pid = l.backend_pid))"
                      + " RETURNING l.epoch")) {
            s.setString(1, nodeId);
            s.setString(2, apiAddr);
            s.setLong(3, ttl.toMillis());
            OptionalLong won = OptionalLong.empty();
            try (ResultSet rs = s.executeQuery()) {
              if (rs.next()) {
                won = OptionalLong.of(rs.getLong(1));
              }
            }
            c.commit();
            if (won.isPresent()) {
              fence.epoch(won.getAsLong());
            }
            return won;
          }
        });
  }

  /**
   * Extends the lease held at {@code epoch} by {@code ttl} from now; false if another node has
   * taken over (this node is then fenced at once).
   */
  public Future<Boolean> renew(long epoch, Duration ttl) {
    return pool.call(
        vertx,
        "renew lease",
        nodeId,
        c -> {
          timeouts(c);
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE "
                      + table
                      + " SET expires_at = clock_timestamp() + ? * interval '1 millisecond',"
                      + " backend_pid = pg_backend_pid() WHERE id = 1 AND epoch = ? AND node_id = ?")) {
            s.setLong(1, ttl.toMillis());
            s.setLong(2, epoch);
            s.setString(3, nodeId);
            boolean held = s.executeUpdate() == 1;
            c.commit();
            if (!held) {
              fence.epoch(LeaderFence.NOT_LEADER);
            }
            return held;
          }
        });
  }

  /** Fences this node at once (no write of it commits any more); the lease stays until released. */
  public void fenceNow() {
    fence.epoch(LeaderFence.NOT_LEADER);
  }

  /**
   * Fences this node and frees the lease held at {@code epoch}, so a standby takes over at once.
   */
  public Future<Void> release(long epoch) {
    fenceNow();
    return pool.call(
        vertx,
        "release lease",
        nodeId,
        c -> {
          timeouts(c);
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE "
                      + table
                      + " SET expires_at = '-infinity' WHERE id = 1 AND epoch = ? AND node_id = ?")) {
            s.setLong(1, epoch);
            s.setString(2, nodeId);
            s.executeUpdate();
            c.commit();
            return null;
          }
        });
  }

  /** The holder of the live lease, if any. */
  public Future<Optional<Leader>> leader() {
    return pool.call(
        vertx,
        "read lease",
        nodeId,
        c -> {
          timeouts(c);
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT epoch, node_id, api_addr, acquired_at FROM "
                          + table
                          + " l WHERE id = 1 AND expires_at > clock_timestamp() AND EXISTS"
                          + " (SELECT 1 FROM pg_stat_activity a WHERE a.pid = l.backend_pid)");
              ResultSet rs = s.executeQuery()) {
            Optional<Leader> leader =
                rs.next()
                    ? Optional.of(
                        new Leader(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getTimestamp(4).toInstant()))
                    : Optional.empty();
            c.commit();
            return leader;
          }
        });
  }

  LeaderFence fence() {
    return fence;
  }

  /** Closes the lease connection; a held lease then frees itself (its session is gone). */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "PostgresLeaderLease[" + options.jdbcUrl() + ", node " + nodeId + "]";
  }

  private Void closeAndReturn() {
    close();
    return null;
  }

  private Void createTable(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "SELECT pg_advisory_xact_lock(hashtext('keyward schema " + options.schema() + "'))");
      s.execute("CREATE SCHEMA IF NOT EXISTS \"" + options.schema() + "\"");
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + table
              + " (id INT PRIMARY KEY CHECK (id = 1), epoch BIGINT NOT NULL, node_id TEXT NOT NULL,"
              + " api_addr TEXT NOT NULL, expires_at TIMESTAMPTZ NOT NULL,"
              + " acquired_at TIMESTAMPTZ NOT NULL, backend_pid INT NOT NULL)");
      s.execute(
          "INSERT INTO "
              + table
              + " VALUES (1, 0, '', '', '-infinity', clock_timestamp(), 0)"
              + " ON CONFLICT (id) DO NOTHING");
    }
    c.commit();
    return null;
  }

  private static void timeouts(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(TIMEOUTS);
    }
  }
}
