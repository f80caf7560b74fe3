package io.xueliang.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A read on one of the pool's read-only connections (auto-commit on: each statement sees one consistent snapshot).
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface ReadTask<T> {
    T apply(Connection connection) throws SQLException;
}
