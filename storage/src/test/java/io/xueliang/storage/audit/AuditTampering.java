package io.xueliang.storage.audit;

import io.xueliang.sql.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** What the tests do as someone with write access to the database file: its triggers are no obstacle to them. */
final class AuditTampering {
    private AuditTampering() {
    }

    /** A plain connection to the store under {@code root} with the audit table's update and delete triggers dropped. */
    static Connection withoutTriggers(Path root) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(EmbeddedDatabase.FILE_NAME));
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DROP TRIGGER audit_log_no_update");
            st.executeUpdate("DROP TRIGGER audit_log_no_delete");
        }
        return c;
    }
}
