package org.keyward.storage.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.keyward.storage.StorageException;
import org.keyward.storage.StoredRows;

/**
 * {@link StoredRows} inside a REPEATABLE READ, READ ONLY transaction: every statement sees the
 * snapshot taken at the first one. The walk streams through a cursor (autocommit is off, so the
 * driver honours the fetch size) instead of loading the table.
 */
final class PostgresRows implements StoredRows {
  private static final int FETCH_SIZE = 1000;

  private final Connection connection;
  private final String table;
  private final PostgresTransaction reads;

  PostgresRows(Connection connection, String table) {
    this.connection = connection;
    this.table = table;
    this.reads = new PostgresTransaction(table);
  }

  @Override
  public long count() {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StorageException("postgres row count failed", e);
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    try {
      return reads.select(connection, key);
    } catch (SQLException e) {
      throw new StorageException("postgres get failed for '" + key + "'", e);
    }
  }

  @Override
  public void forEach(RowConsumer consumer) throws IOException {
    // The key column has the "C" collation: ORDER BY sorts by code point, as SQLite does.
    try (PreparedStatement s =
        connection.prepareStatement("SELECT key, value FROM " + table + " ORDER BY key")) {
      s.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          consumer.accept(rs.getString(1), rs.getBytes(2));
        }
      }
    } catch (SQLException e) {
      throw new StorageException("postgres row walk failed", e);
    }
  }
}
