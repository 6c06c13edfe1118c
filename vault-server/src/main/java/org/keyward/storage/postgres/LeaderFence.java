package org.keyward.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.keyward.storage.StorageFencedException;

/**
 * The fencing check of HA: every write transaction first reads the leader row under a share lock
 * and goes on only if it still names this node with the epoch it won. The share lock makes a
 * takeover (which updates that row) wait until running writes have committed or rolled back, and a
 * write that starts after a takeover sees the new epoch: a deposed active cannot commit once a new
 * one has taken over, however long it was paused. Thread-safe; the epoch is volatile.
 */
final class LeaderFence {
  static final long NOT_LEADER = -1;

  private final String sql;
  private final String nodeId;
  private volatile long epoch = NOT_LEADER;

  LeaderFence(String leaderTable, String nodeId) {
    this.sql = "SELECT epoch, node_id FROM " + leaderTable + " WHERE id = 1 FOR SHARE";
    this.nodeId = nodeId;
  }

  void epoch(long epoch) {
    this.epoch = epoch;
  }

  long epoch() {
    return epoch;
  }

  /** Throws unless the leader row names this node and epoch; runs in the caller's transaction. */
  void check(Connection c) throws SQLException {
    long expected = epoch;
    if (expected == NOT_LEADER) {
      throw new StorageFencedException("this node is not the active node");
    }
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      if (!rs.next() || rs.getLong(1) != expected || !nodeId.equals(rs.getString(2))) {
        throw new StorageFencedException("this node lost its leadership (epoch " + expected + ")");
      }
    }
  }
}
