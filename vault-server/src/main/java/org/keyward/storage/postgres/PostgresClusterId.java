package org.keyward.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The cluster id every node of an HA cluster reports, kept in PostgreSQL beside the data they share
 * (table {@code cluster_id} in the storage schema): the first node to start stores its own, and
 * every later one adopts it. Without this each node kept the id of its own data directory, so a
 * snapshot the active took was "from another cluster" after a failover. Blocking: called once while
 * the server prepares, before Vert.x runs.
 */
public final class PostgresClusterId {
  private PostgresClusterId() {}

  /** The cluster's id: the stored one, or {@code candidate} once stored by this call. */
  public static String adopt(PostgresOptions options, String candidate) throws SQLException {
    String table = "\"" + options.schema() + "\".cluster_id";
    try (Connection c = PostgresPool.connect(options)) {
      try (Statement s = c.createStatement()) {
        // The same lock as the other schema set-ups, so nodes starting at once do not race.
        s.execute(
            "SELECT pg_advisory_xact_lock(hashtext('keyward schema " + options.schema() + "'))");
        s.execute("CREATE SCHEMA IF NOT EXISTS \"" + options.schema() + "\"");
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + table
                + " (id INT PRIMARY KEY CHECK (id = 1), cluster_id TEXT NOT NULL)");
      }
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO " + table + " VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
        insert.setString(1, candidate);
        insert.executeUpdate();
      }
      String id;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT cluster_id FROM " + table + " WHERE id = 1")) {
        rs.next();
        id = rs.getString(1);
      }
      c.commit();
      return id;
    }
  }
}
