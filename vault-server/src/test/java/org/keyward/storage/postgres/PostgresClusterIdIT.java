package org.keyward.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HA cluster id on the real PostgreSQL at 127.0.0.1:5432: the first node's id wins. */
class PostgresClusterIdIT {
  private final String schema =
      "kw_cluster_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8);
  private final PostgresOptions options =
      PostgresOptions.of(
          "jdbc:postgresql://127.0.0.1:5432/test", "postgres", PasswordSource.none(), schema);

  @AfterEach
  void dropSchema() throws Exception {
    try (Connection c = PostgresPool.connect(options);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
      c.commit();
    }
  }

  @Test
  void adopt_firstCandidateIsStored_laterNodesGetIt() throws Exception {
    String first = PostgresClusterId.adopt(options, "11111111-1111-4111-8111-111111111111");
    String second = PostgresClusterId.adopt(options, "22222222-2222-4222-8222-222222222222");

    assertEquals("11111111-1111-4111-8111-111111111111", first);
    assertEquals(first, second);
  }
}
