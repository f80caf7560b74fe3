package io.xueliang.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbered schema scripts on the classpath and their application. A folder cannot be listed reliably from a jar,
 * so {@code <location>/migrations} names the scripts in order, one a line ({@code V1__audit.sql}, {@code V2__...});
 * versions must run 1, 2, 3 without gaps. Each script runs in its own transaction together with its row in
 * {@code schema_version} (version, name, SHA-256 of the script, applied_at), so a crash leaves either all of a
 * migration or none of it. An applied script whose text has since changed fails the start: editing history would
 * leave databases that claim the same version but differ.
 */
final class SchemaMigrations {
    static final String DEFAULT_LOCATION = "db/sqlite";
    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__[A-Za-z0-9_]+\\.sql");

    record Migration(int version, String name, String sql, String sha256) {
    }

    private final List<Migration> migrations;

    private SchemaMigrations(List<Migration> migrations) {
        this.migrations = List.copyOf(migrations);
    }

    static SchemaMigrations fromClasspath(String location) {
        String index = read(location + "/migrations", location);
        List<Migration> found = new ArrayList<>();
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException("migration name " + name + " in " + location
                        + "/migrations does not match V<n>__<words>.sql");
            }
            int version = Integer.parseInt(m.group(1));
            if (version != found.size() + 1) {
                throw new IllegalStateException("migration " + name + " in " + location + "/migrations: expected version "
                        + (found.size() + 1) + " next, versions must run 1, 2, 3 in order");
            }
            String sql = read(location + "/" + name, location);
            found.add(new Migration(version, name, sql, sha256(sql)));
        }
        return new SchemaMigrations(found);
    }

    int latestVersion() {
        return migrations.size();
    }

    List<Migration> migrations() {
        return migrations;
    }

    /** Applies what is missing; returns the schema version now in the database. */
    int migrate(Connection connection, Path file, InstantSource clock) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement st = connection.createStatement()) {
                st.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)");
            }
            connection.commit();
            List<Migration> applied = applied(connection);
            checkApplied(applied, file);
            for (Migration m : migrations.subList(applied.size(), migrations.size())) {
                try (Statement st = connection.createStatement()) {
                    st.executeUpdate(m.sql());
                    try (PreparedStatement ins = connection.prepareStatement(
                            "INSERT INTO schema_version (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)")) {
                        ins.setInt(1, m.version());
                        ins.setString(2, m.name());
                        ins.setString(3, m.sha256());
                        ins.setString(4, clock.instant().toString());
                        ins.executeUpdate();
                    }
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    throw new StorageException("migration " + m.name(), file, e);
                }
            }
            return migrations.size();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** For a read-only open: the schema must be exactly what this code knows, nothing is applied. */
    int check(Connection connection, Path file) throws SQLException {
        List<Migration> applied = applied(connection);
        checkApplied(applied, file);
        if (applied.size() < migrations.size()) {
            throw new StorageException("open read-only", file, "database schema is version " + applied.size()
                    + ", this xueliang expects " + migrations.size() + "; start the server once to migrate it");
        }
        return applied.size();
    }

    private void checkApplied(List<Migration> applied, Path file) {
        int newest = applied.isEmpty() ? 0 : applied.getLast().version();
        if (newest > migrations.size()) {
            throw new SchemaTooNewException(file, newest, migrations.size());
        }
        for (int i = 0; i < applied.size(); i++) {
            Migration a = applied.get(i);
            if (a.version() != i + 1) {
                throw new StorageException("open", file, "schema_version lacks version " + (i + 1));
            }
            if (!a.sha256().equals(migrations.get(i).sha256())) {
                throw new StorageException("open", file, "migration " + a.name() + " was applied from a script that"
                        + " differs from this xueliang's " + migrations.get(i).name() + " (applied sha256 " + a.sha256()
                        + ", now " + migrations.get(i).sha256() + ")");
            }
        }
    }

    private static List<Migration> applied(Connection connection) throws SQLException {
        List<Migration> applied = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet tables = st.executeQuery(
                        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
            if (!tables.next()) {
                return applied;
            }
        }
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, name, sha256 FROM schema_version ORDER BY version")) {
            while (rs.next()) {
                applied.add(new Migration(rs.getInt(1), rs.getString(2), "", rs.getString(3)));
            }
        }
        return applied;
    }

    private static String read(String resource, String location) {
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + resource + " is missing (migrations at "
                        + location + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read classpath resource " + resource, e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
