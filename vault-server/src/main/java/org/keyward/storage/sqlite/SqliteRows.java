package org.keyward.storage.sqlite;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.keyward.storage.StorageException;
import org.keyward.storage.StoredRows;

/** {@link StoredRows} over a connection inside an open read transaction. */
final class SqliteRows implements StoredRows {
  private final Connection connection;

  SqliteRows(Connection connection) {
    this.connection = connection;
  }

  @Override
  public long count() {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SqliteFile.TABLE)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StorageException("sqlite row count failed", e);
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    try (PreparedStatement s =
        connection.prepareStatement("SELECT value FROM " + SqliteFile.TABLE + " WHERE key = ?")) {
      s.setString(1, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StorageException("sqlite get failed for '" + key + "'", e);
    }
  }

  @Override
  public void forEach(RowConsumer consumer) throws IOException {
    // SQLite's default BINARY collation orders TEXT by bytes of UTF-8, i.e. by code point.
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT key, value FROM " + SqliteFile.TABLE + " ORDER BY key")) {
      while (rs.next()) {
        consumer.accept(rs.getString(1), rs.getBytes(2));
      }
    } catch (SQLException e) {
      throw new StorageException("sqlite row walk failed", e);
    }
  }
}
