package org.keyward.storage.sqlite;

/**
 * Counters of the SQLite writer since open: database commits, caller transactions acknowledged
 * (puts and deletes count as one each), and rows written or deleted. {@code transactions / commits}
 * is the mean group-commit batch size.
 */
public record GroupCommitStats(long commits, long transactions, long rowsWritten) {}
