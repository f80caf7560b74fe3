package io.xueliang.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One unit of work for the writer thread. It runs inside the writer's open transaction (shared with the other writes
 * of the same batch, under its own savepoint), so it must not commit, roll back or change auto-commit.
 *
 * @param <T> what the write yields once committed
 */
@FunctionalInterface
public interface WriteTask<T> {
    T apply(Connection connection) throws SQLException;

    /**
     * Called on the writer thread when this task's effects were rolled back after {@link #apply} returned or threw
     * (its own failure, or the batch commit failing), so a task that caches state derived from its writes (the audit
     * chain head) can drop it.
     */
    default void rolledBack() {
    }
}
